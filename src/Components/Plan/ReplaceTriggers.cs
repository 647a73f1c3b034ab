namespace FreshFoodz.Components.Plan;

/// <summary>A replace trigger: the input path whose change replaces a resource, and the provider source saying so.</summary>
public sealed record ReplaceTrigger(string Path, string Source);

/// <summary>
/// Which input changes make Pulumi replace a resource, each taken from the provider that decides it, not from a list of
/// our own (docs/release-check.md, "Where replace triggers come from"):
/// <list type="number">
/// <item>The package schema's <c>willReplaceOnChanges</c>, which typed SDKs pass as <c>replaceOnChanges</c>: none of
/// the pinned packages marks any input (the schema extract's <c>replaceOnChanges</c>, tools/provider-schemas).</item>
/// <item>azure-native: every URL path parameter of the resource's PUT (the resource ID) — the provider's Diff replaces
/// on each (pulumi-azure-native provider/pkg/provider/diff.go, calculateDetailedDiff) — which are the required
/// arguments of the resource's get function in @pulumi/azure-native 3.28.0 (the extract's <c>pathParameters</c>; a
/// test holds this table to it).</item>
/// <item>azure-native: body properties its metadata marks ForceNew, from the provider's generator list
/// (provider/pkg/gen/replacement.go, forceNewMap), from <c>x-ms-mutability</c> without "update" in the Azure REST API
/// spec at the SDK's API version (only the PostgreSQL server is read here: FlexibleServers.json 2025-08-01), and a
/// tracked resource's top-level <c>location</c> (ARM common types, TrackedResource.location: "read", "create").</item>
/// <item>kubernetes: <c>metadata.name</c> and <c>metadata.namespace</c> of every object, and the provider's per-kind
/// table (pulumi-kubernetes provider/pkg/provider/diff.go, forceNew); ConfigMap and Secret data only while the
/// provider keeps them immutable (enableConfigMapMutable, enableSecretMutable). Fields the Kubernetes API itself
/// refuses to change (a PriorityClass's value) the provider learns only from a live cluster's dry run.</item>
/// <item>random: every input (terraform-provider-random marks every attribute RequiresReplace; pulumi-random bridges it).</item>
/// </list>
/// </summary>
public static class ReplaceTriggers
{
    public const string AzurePathSource = "azure-native replaces on a change to a URL path parameter (provider/pkg/provider/diff.go); path parameters: the get function's required arguments, @pulumi/azure-native 3.28.0";
    public const string AzureForceNewSource = "azure-native metadata ForceNew (pulumi-azure-native provider/pkg/gen/replacement.go, forceNewMap)";
    public const string AzureMutabilitySource = "azure-native metadata ForceNew from x-ms-mutability without update (Azure REST API spec Microsoft.DBforPostgreSQL 2025-08-01, FlexibleServers.json)";
    public const string AzureLocationSource = "azure-native metadata ForceNew: TrackedResource.location is x-ms-mutability read, create (ARM common types)";
    public const string KubernetesMetadataSource = "pulumi-kubernetes provider/pkg/provider/diff.go, metadataForceNewProperties";
    public const string KubernetesKindSource = "pulumi-kubernetes provider/pkg/provider/diff.go, forceNew";
    public const string RandomSource = "terraform-provider-random: every attribute RequiresReplace (bridged by pulumi-random)";

    /// <summary>azure-native path parameters by type token (checked against the schema extract by a test).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AzurePathParameters = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["azure-native:alertsmanagement:PrometheusRuleGroup"] = ["resourceGroupName", "ruleGroupName"],
        ["azure-native:authorization:ManagementLockByScope"] = ["lockName", "scope"],
        ["azure-native:authorization:PolicyAssignment"] = ["policyAssignmentName", "scope"],
        ["azure-native:authorization:PolicyDefinition"] = ["policyDefinitionName"],
        ["azure-native:authorization:RoleAssignment"] = ["roleAssignmentName", "scope"],
        ["azure-native:consumption:Budget"] = ["budgetName", "scope"],
        ["azure-native:containerservice:AgentPool"] = ["agentPoolName", "resourceGroupName", "resourceName"],
        ["azure-native:containerservice:ManagedCluster"] = ["resourceGroupName", "resourceName"],
        ["azure-native:dbforpostgresql:Administrator"] = ["objectId", "resourceGroupName", "serverName"],
        ["azure-native:dbforpostgresql:Configuration"] = ["configurationName", "resourceGroupName", "serverName"],
        ["azure-native:dbforpostgresql:Database"] = ["databaseName", "resourceGroupName", "serverName"],
        ["azure-native:dbforpostgresql:Server"] = ["resourceGroupName", "serverName"],
        ["azure-native:dbforpostgresql:VirtualEndpoint"] = ["resourceGroupName", "serverName", "virtualEndpointName"],
        ["azure-native:keyvault:Secret"] = ["resourceGroupName", "secretName", "vaultName"],
        ["azure-native:keyvault:Vault"] = ["resourceGroupName", "vaultName"],
        ["azure-native:managedidentity:FederatedIdentityCredential"] = ["federatedIdentityCredentialResourceName", "resourceGroupName", "resourceName"],
        ["azure-native:managedidentity:UserAssignedIdentity"] = ["resourceGroupName", "resourceName"],
        ["azure-native:monitor:ActionGroup"] = ["actionGroupName", "resourceGroupName"],
        ["azure-native:monitor:AzureMonitorWorkspace"] = ["azureMonitorWorkspaceName", "resourceGroupName"],
        ["azure-native:monitor:DiagnosticSetting"] = ["name", "resourceUri"],
        ["azure-native:network:NatGateway"] = ["natGatewayName", "resourceGroupName"],
        ["azure-native:network:NetworkSecurityGroup"] = ["networkSecurityGroupName", "resourceGroupName"],
        ["azure-native:network:PrivateDnsZoneGroup"] = ["privateDnsZoneGroupName", "privateEndpointName", "resourceGroupName"],
        ["azure-native:network:PrivateEndpoint"] = ["privateEndpointName", "resourceGroupName"],
        ["azure-native:network:PublicIPAddress"] = ["publicIpAddressName", "resourceGroupName"],
        ["azure-native:network:Subnet"] = ["resourceGroupName", "subnetName", "virtualNetworkName"],
        ["azure-native:network:VirtualNetwork"] = ["resourceGroupName", "virtualNetworkName"],
        ["azure-native:network:VirtualNetworkPeering"] = ["resourceGroupName", "virtualNetworkName", "virtualNetworkPeeringName"],
        ["azure-native:operationalinsights:Workspace"] = ["resourceGroupName", "workspaceName"],
        ["azure-native:privatedns:PrivateZone"] = ["privateZoneName", "resourceGroupName"],
        ["azure-native:privatedns:VirtualNetworkLink"] = ["privateZoneName", "resourceGroupName", "virtualNetworkLinkName"],
        ["azure-native:resources:ResourceGroup"] = ["resourceGroupName"],
        ["azure-native:storage:BlobContainer"] = ["accountName", "containerName", "resourceGroupName"],
        ["azure-native:storage:BlobContainerImmutabilityPolicy"] = ["accountName", "containerName", "immutabilityPolicyName", "resourceGroupName"],
        ["azure-native:storage:BlobServiceProperties"] = ["accountName", "blobServicesName", "resourceGroupName"],
        ["azure-native:storage:ManagementPolicy"] = ["accountName", "managementPolicyName", "resourceGroupName"],
        ["azure-native:storage:StorageAccount"] = ["accountName", "resourceGroupName"],
    };

    /// <summary>azure-native ForceNew body properties of the types this project plans (forceNewMap; nested ones as the
    /// provider's diff addresses them, one level deep).</summary>
    private static readonly Dictionary<string, string[]> AzureForceNew = new(StringComparer.Ordinal)
    {
        ["azure-native:authorization:RoleAssignment"] = ["principalId", "scope"],
        ["azure-native:containerservice:ManagedCluster"] =
        [
            "diskEncryptionSetID", "dnsPrefix", "fqdnSubdomain", "linuxProfile", "nodeResourceGroup", "windowsProfile",
            "networkProfile.serviceCidr", "networkProfile.serviceCidrs", "networkProfile.dnsServiceIP", "networkProfile.networkMode",
            "networkProfile.networkPlugin", "networkProfile.networkPluginMode", "networkProfile.podCidr", "networkProfile.networkDataplane",
            "networkProfile.networkPolicy", "networkProfile.outboundType",
        ],
        ["azure-native:containerservice:AgentPool"] = ["gpuInstanceProfile", "vmSize"],
        ["azure-native:network:PrivateEndpoint"] = ["subnet"],
        ["azure-native:network:PublicIPAddress"] = ["publicIPAddressVersion", "publicIPPrefix", "sku"],
        ["azure-native:storage:StorageAccount"] = ["isHnsEnabled"],
    };

    /// <summary>Create-only properties (x-ms-mutability without "update") of the PostgreSQL flexible server.</summary>
    private static readonly Dictionary<string, string[]> AzureCreateOnly = new(StringComparer.Ordinal)
    {
        ["azure-native:dbforpostgresql:Server"] = ["administratorLogin", "availabilityZone", "backup.geoRedundantBackup", "pointInTimeUTC", "sourceServerResourceId"],
    };

    private static readonly string[] KubernetesMetadata = ["metadata.name", "metadata.namespace"];

    private static readonly Dictionary<string, string[]> KubernetesByKind = new(StringComparer.Ordinal)
    {
        ["kubernetes:apps/v1:Deployment"] = ["spec.selector"],
        ["kubernetes:apps/v1:DaemonSet"] = ["spec.selector"],
        ["kubernetes:apps/v1:StatefulSet"] = ["spec.podManagementPolicy", "spec.revisionHistoryLimit", "spec.selector", "spec.serviceName", "spec.volumeClaimTemplates"],
        ["kubernetes:batch/v1:Job"] = ["spec.completions", "spec.parallelism", "spec.selector", "spec.template"],
        ["kubernetes:core/v1:ResourceQuota"] = ["spec.scopes"],
        ["kubernetes:core/v1:Service"] = ["spec.clusterIP"],
        ["kubernetes:core/v1:Secret"] = ["type"],
        ["kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"] = ["roleRef"],
        ["kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"] = ["roleRef"],
        ["kubernetes:storage.k8s.io/v1:StorageClass"] = ["parameters", "provisioner"],
    };

    /// <summary>
    /// The trigger that makes a change at <paramref name="path"/> replace a resource of <paramref name="type"/>, or
    /// null for an in-place update. <paramref name="provider"/> is the inputs of the resource's provider (kubernetes:
    /// whether ConfigMaps and Secrets are mutable).
    /// </summary>
    public static ReplaceTrigger? For(string type, string path, PlanMap? provider = null)
    {
        ReplaceTrigger? Match(IEnumerable<string> triggers, string source) =>
            triggers.Where(t => Covers(t, path)).Select(t => new ReplaceTrigger(t, source)).FirstOrDefault();
        switch (type[..type.IndexOf(':', StringComparison.Ordinal)])
        {
            case "azure-native":
                return Match(AzurePathParameters.GetValueOrDefault(type) ?? [], AzurePathSource)
                    ?? Match(AzureForceNew.GetValueOrDefault(type) ?? [], AzureForceNewSource)
                    ?? Match(AzureCreateOnly.GetValueOrDefault(type) ?? [], AzureMutabilitySource)
                    ?? (path == "location" ? new ReplaceTrigger("location", AzureLocationSource) : null);
            case "kubernetes":
                var mutable = (string flag) => provider?[flag] is PlanBool { Value: true };
                var data = type switch
                {
                    "kubernetes:core/v1:ConfigMap" when !mutable("enableConfigMapMutable") => ["binaryData", "data"],
                    "kubernetes:core/v1:Secret" when !mutable("enableSecretMutable") => new[] { "data", "stringData" },
                    _ => [],
                };
                return Match(KubernetesMetadata, KubernetesMetadataSource)
                    ?? Match([.. KubernetesByKind.GetValueOrDefault(type) ?? [], .. data], KubernetesKindSource);
            case "random":
                return new ReplaceTrigger(path, RandomSource);
            default:
                return null;
        }
    }

    public static bool Triggers(string type, string path, PlanMap? provider = null) => For(type, path, provider) is not null;

    /// <summary>A trigger covers its own path and everything below it, keys and list items (a changed parent replaces,
    /// as the providers do).</summary>
    public static bool Covers(string trigger, string path) =>
        path == trigger || path.StartsWith(trigger + ".", StringComparison.Ordinal) || path.StartsWith(trigger + "[", StringComparison.Ordinal);
}
