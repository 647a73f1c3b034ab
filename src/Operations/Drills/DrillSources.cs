namespace FreshFoodz.Operations.Drills;

/// <summary>A documented Azure CLI command: the flags the failover script may give it, the values it takes, and where that is written.</summary>
public sealed record CliCommand(string Command, IReadOnlyList<string> Flags, IReadOnlyDictionary<string, IReadOnlyList<string>> Values, string Source);

/// <summary>
/// The sources the failover runbook and script follow, with the facts taken from each. A test holds every <c>az</c>
/// call of the generated script to a command, flag and value listed here, and every runbook step to a source.
/// </summary>
public static class DrillSources
{
    private const string Docs = "MicrosoftDocs/azure-databases-docs, articles/postgresql/read-replica/";

    /// <summary>The Azure CLI reference page of the flexible server's replica and virtual-endpoint commands.</summary>
    public const string CliReference = "https://learn.microsoft.com/cli/azure/postgres/flexible-server/replica";

    public const string Promote = Docs + "concepts-read-replicas-promote.md";
    public const string SwitchOver = Docs + "how-to-switch-over-replica-to-primary.md";
    public const string ShowEndpoints = Docs + "how-to-show-virtual-endpoints.md";
    public const string BackupRestore = "MicrosoftDocs/azure-databases-docs, articles/postgresql/backup-restore/concepts-backup-restore.md";

    public static IReadOnlyList<CliCommand> Commands { get; } =
    [
        // "set --promote-option to planned" so the replica is synchronized first; --promote-mode SwitchOver swaps the roles.
        new("az postgres flexible-server replica promote", ["--resource-group", "--name", "--promote-mode", "--promote-option", "--yes"],
            new Dictionary<string, IReadOnlyList<string>>
            {
                // Switchover keeps the pair and the virtual endpoints (standalone would leave them); planned loses nothing.
                ["--promote-mode"] = ["switchover"],
                ["--promote-option"] = ["planned"],
            },
            $"{SwitchOver} (CLI tab: --promote-mode SwitchOver --promote-option Planned); {CliReference}#az-postgres-flexible-server-replica-promote (accepted values standalone, switchover; forced, planned; --yes: no prompt)"),
        new("az postgres flexible-server virtual-endpoint show", ["--resource-group", "--server-name", "--name", "--query", "--output"],
            new Dictionary<string, IReadOnlyList<string>>(),
            $"{ShowEndpoints} (CLI tab); the reader endpoint must point at the replica to switch over to ({Promote})"),
        new("az postgres flexible-server show", ["--resource-group", "--name", "--query", "--output"],
            new Dictionary<string, IReadOnlyList<string>>(),
            $"{Promote}, \"Server states during promotion\": both servers must be Ready; {CliReference}"),
        new("az account set", ["--subscription"], new Dictionary<string, IReadOnlyList<string>>(), "Azure CLI reference, az account set"),
    ];

    /// <summary>The facts the runbook states, each with its source (docs/recovery-drills.md cites them by these paths).</summary>
    public static IReadOnlyList<(string Fact, string Source)> Facts { get; } =
    [
        ("a switchover needs the writer virtual endpoint on the primary and the replica as the reader endpoint's target", Promote),
        ("planned synchronizes the replica before promoting; forced does not and loses the lag", Promote),
        ("both servers must be Ready (not Updating or Restarting)", Promote),
        ("a switchover (promote to primary server) needs both servers of the same SKU, tier and storage size", Promote),
        ("promotion disables HA; after switching back, HA must be enabled on the original primary again", Promote),
        ("PgBouncer settings are per server and not carried over by a promotion", Promote),
        ("a point-in-time restore creates a new server and never overwrites its source", BackupRestore),
    ];
}
