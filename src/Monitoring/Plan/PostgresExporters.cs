using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;
using FreshFoodz.Components.Secrets;

namespace FreshFoodz.Monitoring.Plan;

public sealed record PostgresExportersArgs
{
    /// <summary>Where its identities are made and which vault they read.</summary>
    public required VaultReaderSite Site { get; init; }

    /// <summary>What the monitoring component planned: its namespace and the release that installs the PodMonitor CRD.</summary>
    public required MonitoringResources Monitoring { get; init; }

    /// <summary>Each tier's writer and the vault secret holding its password.</summary>
    public required IReadOnlyDictionary<DrTier, PostgresTarget> Databases { get; init; }
}

/// <summary>
/// A tier's writer as the exporter reaches it: the writer virtual endpoint on a replicated tier (after a promotion it
/// points at the promoted server, so the exporter follows the primary, as the apps do), the server's own name on a
/// tier without a replica; on port 5432, not PgBouncer (pg_stat views are per server; through PgBouncer only its pool
/// would show).
/// </summary>
public sealed record PostgresTarget(string Host, string Database, string User, PlannedResource PasswordSecret, string PasswordSecretName)
{
    public const int Port = 5432;

    public string Uri => $"{Host}:{Port}/{Database}?sslmode=require";
}

/// <summary>
/// The source of the war room's "database connections" panel: one prometheus-community postgres_exporter per tier's
/// writer (the current primary), in the monitoring namespace, scraped by a PodMonitor every 30 s; it serves
/// <c>pg_stat_database_numbackends</c> (the database collector, on by default). Credentials follow the apps' pattern
/// (DatabaseAccess): a user-assigned identity federated with the exporter's service account, "Key Vault Secrets User"
/// on exactly the tier password secrets, and a SecretProviderClass that the Key Vault CSI driver mounts as files; the
/// exporter reads the password with <c>DATA_SOURCE_PASS_FILE</c> (postgres_exporter README, "Environment Variables").
/// Chosen over Azure Monitor's <c>active_connections</c>: that platform metric lands in Azure Monitor, not in the
/// cluster's Prometheus the dashboard and promtool-tested rules read.
/// </summary>
public static class PostgresExporters
{
    public const string Type = "freshfoodz:monitoring:PostgresExporters";

    public const string Name = "postgres-exporter";

    /// <summary>prometheus-community/postgres_exporter v0.17.1 (its release; port 9187, path /metrics by default).</summary>
    public const string Image = "quay.io/prometheuscommunity/postgres-exporter:v0.17.1";

    public const int Port = 9187;

    /// <summary>The label the scrape gives each series: the tier whose primary the exporter watches.</summary>
    public const string TierLabel = MetricsContract.Labels.Tier;

    public static void Add(PlanBuilder plan, string name, PostgresExportersArgs args)
    {
        var c = args.Site.Context;
        var scope = plan.Component(Type, name);
        var ns = MonitoringComponent.Namespace;
        var inNamespace = new PlanOptions { DependsOn = [args.Monitoring.Namespace.Name] };
        var identity = KeyVaultReader.WorkloadIdentity(scope, null, c, args.Site.ResourceGroup, args.Site.Cluster, Name, ns, Name);
        var tiers = args.Databases.OrderBy(d => d.Key).ToList();
        foreach (var (tier, db) in tiers)
        {
            scope.Resource("azure-native:authorization:RoleAssignment", $"reads-{tier.Code()}-password",
                KeyVaultReader.SecretsUser(args.Site.SubscriptionId, db.PasswordSecret.Id, $"{c.Names.Stack}/{Name}/{db.PasswordSecretName}", identity.Ref("principalId")));
        }
        Props Labels()
        {
            var labels = c.Tags.Labels();
            labels["app.kubernetes.io/name"] = Name;
            return labels;
        }
        scope.Resource("kubernetes:core/v1:ServiceAccount", "service-account", new Props
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ServiceAccount",
            ["metadata"] = new Props
            {
                ["name"] = Name,
                ["namespace"] = ns,
                ["labels"] = Labels(),
                ["annotations"] = new Props { ["azure.workload.identity/client-id"] = identity.Ref("clientId") },
            },
        }, inNamespace);
        scope.Resource("kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", "database-passwords",
            KeyVaultReader.SecretProviderClass(Name, ns, Labels(), identity.Ref("clientId"), args.Site.VaultName, args.Site.TenantId,
                tiers.Select(t => (t.Value.PasswordSecretName, t.Key.Code()))), inNamespace);
        foreach (var (tier, db) in tiers)
        {
            var labels = Labels();
            labels["freshfoodz.io/tier"] = tier.Code();
            var selector = new Props { ["app.kubernetes.io/name"] = Name, ["freshfoodz.io/tier"] = tier.Code() };
            scope.Resource("kubernetes:apps/v1:Deployment", tier.Code(), new Props
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["metadata"] = new Props { ["name"] = $"{Name}-{tier.Code()}", ["namespace"] = ns, ["labels"] = labels },
                ["spec"] = new Props
                {
                    ["replicas"] = 1,
                    ["selector"] = new Props { ["matchLabels"] = selector },
                    ["template"] = new Props
                    {
                        ["metadata"] = new Props { ["labels"] = WithWorkloadIdentity(labels) },
                        ["spec"] = new Props
                        {
                            ["serviceAccountName"] = Name,
                            ["containers"] = PlanValue.List(new Props
                            {
                                ["name"] = "exporter",
                                ["image"] = Image,
                                ["env"] = PlanValue.List(
                                    Env("DATA_SOURCE_URI", db.Uri),
                                    Env("DATA_SOURCE_USER", db.User),
                                    Env("DATA_SOURCE_PASS_FILE", $"/mnt/secrets/{tier.Code()}")),
                                ["ports"] = PlanValue.List(new Props { ["name"] = MonitoringComponent.MetricsPort, ["containerPort"] = Port }),
                                ["resources"] = new Props
                                {
                                    ["requests"] = new Props { ["cpu"] = "50m", ["memory"] = "64Mi" },
                                    ["limits"] = new Props { ["memory"] = "128Mi" },
                                },
                                ["volumeMounts"] = PlanValue.List(new Props { ["name"] = "passwords", ["mountPath"] = "/mnt/secrets", ["readOnly"] = true }),
                            }),
                            ["volumes"] = PlanValue.List(new Props
                            {
                                ["name"] = "passwords",
                                ["csi"] = new Props
                                {
                                    ["driver"] = "secrets-store.csi.k8s.io",
                                    ["readOnly"] = true,
                                    ["volumeAttributes"] = new Props { ["secretProviderClass"] = Name },
                                },
                            }),
                        },
                    },
                },
            }, inNamespace);
        }
        // Scraped like the apps, every 30 s; the pod's tier label becomes the series' "tier".
        scope.Resource("kubernetes:monitoring.coreos.com/v1:PodMonitor", "pod-monitor", new Props
        {
            ["apiVersion"] = "monitoring.coreos.com/v1",
            ["kind"] = "PodMonitor",
            ["metadata"] = new Props
            {
                ["name"] = Name,
                ["namespace"] = ns,
                ["labels"] = WithRelease(Labels()),
            },
            ["spec"] = new Props
            {
                ["selector"] = new Props { ["matchLabels"] = new Props { ["app.kubernetes.io/name"] = Name } },
                ["podMetricsEndpoints"] = PlanValue.List(new Props
                {
                    ["port"] = MonitoringComponent.MetricsPort,
                    ["path"] = "/metrics",
                    ["interval"] = "30s",
                    ["relabelings"] = PlanValue.List(new Props
                    {
                        ["sourceLabels"] = PlanValue.List("__meta_kubernetes_pod_label_freshfoodz_io_tier"),
                        ["targetLabel"] = TierLabel,
                    }),
                }),
            },
        }, new PlanOptions { DependsOn = [args.Monitoring.Release.Name] });
    }

    private static Props Env(string name, PlanValue value) => new() { ["name"] = name, ["value"] = value };

    private static Props WithWorkloadIdentity(Props labels)
    {
        var copy = new Props();
        foreach (var (k, v) in labels)
        {
            copy[k] = v;
        }
        copy["azure.workload.identity/use"] = "true";
        return copy;
    }

    private static Props WithRelease(Props labels)
    {
        labels[MonitoringComponent.RuleLabel.Key] = MonitoringComponent.RuleLabel.Value;
        return labels;
    }
}
