namespace FreshFoodz.Pipeline.Tests;

/// <summary>
/// cluster-credentials.sh: kubelogin logs in as a workload identity with fresh GitHub OIDC tokens from the runner,
/// never with the Azure CLI's token, which cannot be renewed once its assertion has expired.
/// </summary>
public class ClusterCredentialsTests
{
    private const string Client = "0a1b2c3d-0000-4000-8000-00000000c11e";
    private const string Tenant = "7e7e7e7e-0000-4000-8000-000000007e7e";

    /// <summary>
    /// kubelogin v0.1.6 in workload-identity mode: it takes client, tenant and authority host from the environment,
    /// refuses an empty authority host and builds its token URL as &lt;host&gt;&lt;tenant&gt;/oauth2/token
    /// (Azure/kubelogin pkg/internal/token/federatedIdentity.go, options.go UpdateFromEnv).
    /// </summary>
    private const string Kubelogin = """
        [[ "${AAD_LOGIN_METHOD:-}" == workloadidentity ]] || { echo "not in workload-identity mode" >&2; exit 1; }
        [[ -n "${AZURE_CLIENT_ID:-}" ]] || { echo "clientID cannot be empty" >&2; exit 1; }
        [[ -n "${AZURE_TENANT_ID:-}" ]] || { echo "tenantID cannot be empty" >&2; exit 1; }
        [[ -n "${AZURE_AUTHORITY_HOST:-}" ]] || { echo "authorityHost cannot be empty" >&2; exit 1; }
        [[ "$AZURE_AUTHORITY_HOST" == */ ]] || { echo "authority host should have a trailing slash" >&2; exit 1; }
        echo '{"kind":"ExecCredential","status":{"token":"eyJ-secret-cluster-token"}}'
        """;

    private static Pipeline Job()
    {
        var p = new Pipeline();
        p.Env["ARM_CLIENT_ID"] = Client;
        p.Env["ARM_TENANT_ID"] = Tenant;
        p.Env["ACTIONS_ID_TOKEN_REQUEST_URL"] = "https://pipelines.actions.example/idtoken";
        p.Env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = "runtime-token";
        p.Handle("kubelogin", Kubelogin);
        return p;
    }

    [Fact]
    public void LaterStepsGetKubeloginAsAWorkloadIdentityAndOneTokenProvesIt()
    {
        using var p = Job();
        var run = p.Run("cluster-credentials.sh").Succeeded();
        Assert.Equal(
            ["AAD_LOGIN_METHOD=workloadidentity", $"AZURE_CLIENT_ID={Client}", $"AZURE_TENANT_ID={Tenant}", "AZURE_AUTHORITY_HOST=https://login.microsoftonline.com/"],
            File.ReadAllLines(p.Env["GITHUB_ENV"]));
        var probe = Assert.Single(run.Of("kubelogin"));
        Assert.Equal("kubelogin get-token --login workloadidentity --server-id 6dae42f8-4368-4678-94ff-3960e28e3630", probe.Line);
        Assert.DoesNotContain("secret-cluster-token", run.Out + run.Err, StringComparison.Ordinal);
        Assert.Empty(run.Of("az"));
    }

    [Fact]
    public void WithoutTheRunnersOidcEndpointTheJobIsToldWhichPermissionItLacks()
    {
        using var p = Job();
        p.Env.Remove("ACTIONS_ID_TOKEN_REQUEST_TOKEN");
        var run = p.Run("cluster-credentials.sh").Failed("the job needs 'permissions: id-token: write'");
        Assert.Empty(run.Calls);
        Assert.False(File.Exists(p.Env["GITHUB_ENV"]));
    }

    [Fact]
    public void AFixedTokenFileIsRefusedItWouldExpire()
    {
        using var p = Job();
        p.Env["AZURE_FEDERATED_TOKEN_FILE"] = "/var/run/secrets/azure/tokens/azure-identity-token";
        p.Run("cluster-credentials.sh").Failed("AZURE_FEDERATED_TOKEN_FILE is set");
    }

    [Fact]
    public void AFederationThatDoesNotWorkFailsBeforeAnyUp()
    {
        using var p = Job();
        p.Handle("kubelogin", "echo 'AADSTS70021: No matching federated identity record found' >&2; exit 1");
        p.Run("cluster-credentials.sh").Failed("kubelogin could not get a cluster token as " + Client);
    }

    [Fact]
    public void AClientIdThatIsNoGuidIsRefused()
    {
        using var p = Job();
        p.Env["ARM_CLIENT_ID"] = "";
        var run = p.Run("cluster-credentials.sh").Failed("ARM_CLIENT_ID is not the app registration's client id");
        Assert.Empty(run.Calls);
    }
}
