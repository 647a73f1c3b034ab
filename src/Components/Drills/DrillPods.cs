using FreshFoodz.Components.Plan;
using FreshFoodz.Components.Resilience;

namespace FreshFoodz.Components.Drills;

/// <summary>
/// The pods the recovery canaries, the restore drills' verification and the database chaos scenarios run: the
/// PostgreSQL client image, signed in as the tier's workload identity (its service account in
/// <see cref="Namespace"/>), the tier's password mounted from Key Vault as a file (never a Kubernetes Secret or an
/// environment value), metrics pushed to the Pushgateway.
/// </summary>
public static class DrillPods
{
    /// <summary>Where the canaries, drill Jobs and database chaos scenarios run.</summary>
    public const string Namespace = "recovery-drills";

    /// <summary>
    /// The Docker official image postgres 17.6 on Alpine: psql 17 (which speaks to servers 14–17, the versions the stacks
    /// may run) and BusyBox's sh, awk and wget (which posts the metrics).
    /// </summary>
    public const string Image = "docker.io/library/postgres:17.6-alpine";

    public const string PasswordMount = "/mnt/secrets/database";

    /// <summary>The canary's table: one row a minute, kept 36 days (longer than any tier's backups: 35 days critical).</summary>
    public const string CanaryTable = "freshfoodz_drills.canary";

    public const int CanaryKeepDays = 36;

    /// <summary>The tier's service account (and the SecretProviderClass of its password).</summary>
    public static string ServiceAccount(DrTier tier) => $"drill-{tier.Code()}";

    /// <summary>Labels without season: a Job's pod template is immutable, so nothing in it may change with a season switch.</summary>
    public static Props Labels(TerritoryContext c, string component, DrTier tier)
    {
        var labels = c.Tags.Labels();
        labels["app.kubernetes.io/name"] = component;
        labels["freshfoodz.io/tier"] = tier.Code();
        return labels;
    }

    /// <summary>A pod spec running <paramref name="script"/> with sh, as the tier's identity, with <paramref name="env"/>.</summary>
    public static Props PodSpec(DrTier tier, string script, IEnumerable<(string Name, PlanValue Value)> env, string restartPolicy = "Never") => new()
    {
        ["serviceAccountName"] = ServiceAccount(tier),
        ["restartPolicy"] = restartPolicy,
        ["containers"] = PlanValue.List(new Props
        {
            ["name"] = "psql",
            ["image"] = Image,
            ["command"] = PlanValue.List("/bin/sh", "-c", script),
            ["env"] = PlanValue.List(env.Select(e => (PlanValue)new Props { ["name"] = e.Name, ["value"] = e.Value })),
            ["resources"] = new Props
            {
                ["requests"] = new Props { ["cpu"] = "20m", ["memory"] = "32Mi" },
                ["limits"] = new Props { ["memory"] = "128Mi" },
            },
            ["volumeMounts"] = PlanValue.List(new Props { ["name"] = "password", ["mountPath"] = PasswordMount, ["readOnly"] = true }),
        }),
        ["volumes"] = PlanValue.List(new Props
        {
            ["name"] = "password",
            ["csi"] = new Props
            {
                ["driver"] = "secrets-store.csi.k8s.io",
                ["readOnly"] = true,
                ["volumeAttributes"] = new Props { ["secretProviderClass"] = ServiceAccount(tier) },
            },
        }),
    };

    /// <summary>The libpq environment of a connection (psql reads PGHOST, PGPORT, …); the password comes from the mounted file.</summary>
    public static IEnumerable<(string, PlanValue)> Connection(PlanValue host, int port, string database, string user) =>
    [
        ("PGHOST", host),
        ("PGPORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("PGDATABASE", database),
        ("PGUSER", user),
        ("PGSSLMODE", "require"),
        ("PGCONNECT_TIMEOUT", "10"),
        ("PASSWORD_FILE", $"{PasswordMount}/password"),
    ];

    /// <summary>Pod labels plus the one the workload identity webhook acts on.</summary>
    public static Props WithWorkloadIdentity(Props labels)
    {
        var copy = new Props();
        foreach (var (k, v) in labels)
        {
            copy[k] = v;
        }
        copy["azure.workload.identity/use"] = "true";
        return copy;
    }
}
