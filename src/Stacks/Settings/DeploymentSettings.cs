using System.Globalization;
using FreshFoodz.Components.Data;
using FreshFoodz.Components.Platform;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// What a stack keeps from its first deployment, and the one-way steps a person takes afterwards: the creation date
/// (fixes the AI budget's start month and the audit-lock deadline) and the audit archive's lock.
/// </summary>
public sealed record DeploymentSettings(DateOnly CreatedOn, ImmutabilityState AuditImmutability)
{
    /// <summary>The identity that runs <c>pulumi up</c> (<c>freshfoodz:deployer</c>).</summary>
    public required Deployer Deployer { get; init; }

    /// <summary>The Microsoft Entra administrator of the PostgreSQL servers (<c>freshfoodz:databaseAdmin</c>).</summary>
    public required EntraAdministrator DatabaseAdmin { get; init; }

    /// <summary>The daily low-traffic window (UTC) in which <c>pulumi up</c> applies a switch's steps (<c>freshfoodz:lowTrafficWindow</c>).</summary>
    public (TimeOnly From, TimeOnly To) LowTrafficWindow { get; init; } = (new(1, 0), new(4, 0));

    /// <summary>The one UTC day on which a switch may step outside the window (<c>freshfoodz:switchOutsideWindowOn</c>), if any.</summary>
    public DateOnly? SwitchOutsideWindowOn { get; init; }

    public string LowTrafficWindowText => $"{LowTrafficWindow.From.ToString("HH:mm", CultureInfo.InvariantCulture)}–{LowTrafficWindow.To.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC";

    /// <summary>How often the scheduled <c>pulumi up</c> runs (.github/workflows/seasons.yml).</summary>
    public static readonly TimeSpan RunInterval = TimeSpan.FromHours(1);

    /// <summary>A scale-up applies the read replicas first, alone, then everything (ReplicaComputeAtLeastPrimary).</summary>
    public const int StepsPerSwitch = 2;

    /// <summary>
    /// The longest one step's apply takes, 30 minutes: the HA primary's compute change is the longest chain (Microsoft
    /// docs "High availability in Azure Database for PostgreSQL flexible server": planned scaling happens "on the
    /// standby first and then on the primary server"; "Scaling resources…": a regular scaling takes "2 to 10 minutes"
    /// each; a failover "60-120 seconds"): 10 + 10 + 2 = 22 minutes. The replicas' and non-HA servers' changes (10
    /// minutes each) and the AKS pool update run beside it (Pulumi applies independent resources in parallel); the
    /// refresh before the apply and a margin are our allowance of 8 minutes (RuntimeEffects carries the durations).
    /// </summary>
    public static readonly TimeSpan LongestStepApply = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The shortest low-traffic window, in which a whole season switch fits: the scheduled <c>pulumi up</c> runs
    /// hourly and a switch takes at most <see cref="StepsPerSwitch"/> steps, one per run. Whatever minute the runs
    /// start at, the first run inside a window comes at most one <see cref="RunInterval"/> after it opens and the
    /// second one interval later; that step's apply must end inside the window too. So the window is at least
    /// steps × interval + <see cref="LongestStepApply"/> = 2 × 60 + 30 = 150 minutes (docs/configuration.md).
    /// </summary>
    public static readonly TimeSpan MinimumLowTrafficWindow = StepsPerSwitch * RunInterval + LongestStepApply;

    /// <summary>A production stack's audit archive must be locked by this day (deployment rule AuditArchiveLockedInTime).</summary>
    public const int LockWithinDays = 30;

    public DateOnly LockDeadline => CreatedOn.AddDays(LockWithinDays);
}

/// <summary>Reads <c>freshfoodz:createdOn</c>, <c>freshfoodz:auditImmutability</c>, <c>freshfoodz:lowTrafficWindow</c>,
/// <c>freshfoodz:switchOutsideWindowOn</c>, <c>freshfoodz:deployer</c> and <c>freshfoodz:databaseAdmin</c>.</summary>
internal static partial class DeploymentSettingsReader
{
    private static readonly string[] PrincipalTypes = ["User", "Group", "ServicePrincipal"];

    public static DeploymentSettings? Read(ConfigCursor c)
    {
        var createdKey = ConfigKeys.CreatedOn;
        var created = c.Date(c.Key(createdKey), createdKey.Key, "the stack's first pulumi up");

        var lockKey = ConfigKeys.AuditImmutability;
        var lockNode = c.Key(lockKey);
        ImmutabilityState? state = c.Text(lockNode, lockKey.Key) switch
        {
            null => null,
            "unlocked" => ImmutabilityState.Unlocked,
            "locked" => ImmutabilityState.Locked,
            var other => Fail(c, lockNode, lockKey.Key, $"must be unlocked or locked (one way: locked never goes back), got {ValueText.Quote(other)}"),
        };
        var windowKey = ConfigKeys.LowTrafficWindow;
        var windowNode = c.Key(windowKey);
        var windowText = c.Text(windowNode, windowKey.Key);
        (TimeOnly, TimeOnly)? window = null;
        if (windowText is not null)
        {
            var parts = windowText.Split('-');
            if (parts.Length == 2 && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) && from < to)
            {
                if (to - from >= DeploymentSettings.MinimumLowTrafficWindow)
                {
                    window = (from, to);
                }
                else
                {
                    c.Error(windowNode, windowKey.Key,
                        $"a window of {Minutes(to - from)} minutes is shorter than a season switch takes: at least {Minutes(DeploymentSettings.MinimumLowTrafficWindow)} minutes (two hourly runs and a step's apply; docs/configuration.md), like 01:00-04:00, got {ValueText.Quote(windowText)}");
                }
            }
            else
            {
                c.Error(windowNode, windowKey.Key, $"must be HH:mm-HH:mm in UTC with the start before the end, like 01:00-04:00, got {ValueText.Quote(windowText)}");
            }
        }
        var deployer = ReadDeployer(c);
        var admin = ReadDatabaseAdmin(c);
        var (overrideOk, overrideDay) = ReadSwitchOverride(c);
        return created is null || state is null || window is null || deployer is null || admin is null || !overrideOk
            ? null
            : new DeploymentSettings(created.Value, state.Value)
            {
                LowTrafficWindow = window.Value,
                SwitchOutsideWindowOn = overrideDay,
                Deployer = deployer,
                DatabaseAdmin = admin,
            };
    }

    /// <summary><c>none</c>, or the one UTC day a switch may step outside the low-traffic window.</summary>
    private static (bool Ok, DateOnly? Day) ReadSwitchOverride(ConfigCursor c)
    {
        var key = ConfigKeys.SwitchOutsideWindowOn;
        var node = c.Key(key);
        var text = c.Text(node, key.Key);
        if (text is null or "none")
        {
            return (text is not null, null);
        }
        // Within the tool's dates like every date key (issue 23): 9999-12-31 was accepted.
        if (ToolDates.TryParse(text, out var day))
        {
            return (true, day);
        }
        c.Error(node, key.Key, $"must be none or a UTC day yyyy-MM-dd from {ToolDates.Show(ToolDates.First)} to {ToolDates.Show(ToolDates.Last)} on which a season switch may step outside freshfoodz:lowTrafficWindow, got {ValueText.Quote(text)}");
        return (false, null);
    }

    private static EntraAdministrator? ReadDatabaseAdmin(ConfigCursor c)
    {
        var root = ConfigKeys.DatabaseAdmin.Key;
        var m = c.Map(c.Key(ConfigKeys.DatabaseAdmin), root, ["principalId", "principalName", "principalType"]);
        var id = PrincipalId(c, m, root);
        var name = c.Word(m, root, "principalName", "the principal's display name");
        if (name is not null && (name.Length > 128 || string.IsNullOrWhiteSpace(name) || name.Trim() != name))
        {
            // Control and formatting characters (a bidi override) were refused when the text was read.
            c.Error(m?["principalName"], $"{root}.principalName",
                $"must be a display name of 1 to 128 printable characters, not blank, without leading or trailing spaces, got {ValueText.Quote(name)}");
            name = null;
        }
        var type = PrincipalType(c, m, root);
        return id is null || name is null || type is null ? null : new EntraAdministrator(id, name, type);
    }

    private static Deployer? ReadDeployer(ConfigCursor c)
    {
        var root = ConfigKeys.Deployer.Key;
        var m = c.Map(c.Key(ConfigKeys.Deployer), root, ["principalId", "principalType"]);
        var id = PrincipalId(c, m, root);
        var type = PrincipalType(c, m, root);
        return id is null || type is null ? null : new Deployer(id, type);
    }

    private static string? PrincipalId(ConfigCursor c, ConfigMap? m, string root)
    {
        var id = c.Word(m, root, "principalId", "an Entra object ID (GUID)");
        if (id is not null && !Guids.IsNonNil(id))
        {
            c.Error(m?["principalId"], $"{root}.principalId", $"must be an Entra object ID, {Guids.Rule}, got {ValueText.Quote(id)}");
            return null;
        }
        return id;
    }

    private static string? PrincipalType(ConfigCursor c, ConfigMap? m, string root)
    {
        var type = c.Word(m, root, "principalType", string.Join("|", PrincipalTypes));
        if (type is not null && !PrincipalTypes.Contains(type))
        {
            c.Error(m?["principalType"], $"{root}.principalType", $"must be one of {string.Join("|", PrincipalTypes)}, got {ValueText.Quote(type)}");
            return null;
        }
        return type;
    }

    private static string Minutes(TimeSpan span) => ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture);

    private static ImmutabilityState? Fail(ConfigCursor c, ConfigNode? node, string path, string message)
    {
        c.Error(node, path, message);
        return null;
    }
}
