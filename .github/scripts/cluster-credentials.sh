#!/usr/bin/env bash
# Cluster credentials that outlive a long run. The clusters accept Entra ID tokens only; their kubeconfig runs
# `kubelogin get-token`. Logged in with azure/login, kubelogin would use the Azure CLI's token, and the CLI cannot
# renew it once the GitHub OIDC assertion it logged in with has expired (minutes; Azure/azure-cli#28708,
# Azure/login#180), so a long season switch could lose the cluster half-way. Instead kubelogin logs in as a workload
# identity: with ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN set (the job has `id-token: write`), it fetches a fresh GitHub
# OIDC token from the runner for every Entra token it needs (Azure/kubelogin#366, since v0.0.34; in the pinned v0.1.6
# pkg/internal/token/federatedIdentity.go, from v0.2.0 githubactionscredential.go) and exchanges it for the same app
# registration the azure-native provider uses (ARM_USE_OIDC, which fetches its own GitHub tokens too). The cluster's
# exec kubeconfig says `--login devicecode` and the Azure CLI's client id; kubelogin's get-token lets
# AAD_LOGIN_METHOD and, in that mode, AZURE_CLIENT_ID / AZURE_TENANT_ID / AZURE_AUTHORITY_HOST override its flags
# (options.go UpdateFromEnv). v0.1.x refuses an empty authority host ("authorityHost cannot be empty") and joins it
# to the tenant as <host><tenant>/oauth2/token; v0.2 requires its trailing slash. Nothing uses the Azure CLI.
# Writes the settings to GITHUB_ENV for the later steps, then gets one token to prove the federation works.
#   cluster-credentials.sh        needs ARM_CLIENT_ID, ARM_TENANT_ID, GITHUB_ENV
source "$(dirname "$0")/lib.sh"

# The Entra application every AKS cluster's API server accepts tokens for ("Azure Kubernetes Service AAD Server").
readonly AKS_SERVER_ID=6dae42f8-4368-4678-94ff-3960e28e3630
# Entra ID of the public cloud, where both territories' subscriptions live (the kubeconfig's --environment
# AzurePublicCloud); kubelogin's docs give it as the AZURE_AUTHORITY_HOST example.
readonly AUTHORITY_HOST=https://login.microsoftonline.com/
guid='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

[[ "${ARM_CLIENT_ID:-}" =~ $guid ]] || die "ARM_CLIENT_ID is not the app registration's client id (the environment's AZURE_CLIENT_ID variable)"
[[ "${ARM_TENANT_ID:-}" =~ $guid ]] || die "ARM_TENANT_ID is not a tenant id (the environment's AZURE_TENANT_ID variable)"
[[ -n "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" && -n "${ACTIONS_ID_TOKEN_REQUEST_TOKEN:-}" ]] ||
  die "no GitHub OIDC endpoint: the job needs 'permissions: id-token: write'"
# kubelogin prefers a token file over the runner's endpoint (v0.1.6 federatedIdentity.go, v0.2
# workloadidentitycredential.go), and a file is not renewed.
[[ -z "${AZURE_FEDERATED_TOKEN_FILE:-}" ]] || die "AZURE_FEDERATED_TOKEN_FILE is set: kubelogin would read that fixed token instead of fresh ones"
command -v kubelogin >/dev/null || die "kubelogin is not on PATH (azure/use-kubelogin)"
[[ -n "${GITHUB_ENV:-}" ]] || die "GITHUB_ENV is not set: run inside a GitHub Actions job"

{
  echo "AAD_LOGIN_METHOD=workloadidentity"
  echo "AZURE_CLIENT_ID=$ARM_CLIENT_ID"
  echo "AZURE_TENANT_ID=$ARM_TENANT_ID"
  echo "AZURE_AUTHORITY_HOST=$AUTHORITY_HOST"
} >>"$GITHUB_ENV"

AAD_LOGIN_METHOD=workloadidentity AZURE_CLIENT_ID=$ARM_CLIENT_ID AZURE_TENANT_ID=$ARM_TENANT_ID AZURE_AUTHORITY_HOST=$AUTHORITY_HOST \
  kubelogin get-token --login workloadidentity --server-id "$AKS_SERVER_ID" >/dev/null ||
  die "kubelogin could not get a cluster token as $ARM_CLIENT_ID: check the app's federated credential for this GitHub environment"
echo "kubelogin: workload identity $ARM_CLIENT_ID, fresh GitHub OIDC tokens for the whole run"
