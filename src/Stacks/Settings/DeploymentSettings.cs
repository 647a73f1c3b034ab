using System.Globalization;
using System.Text.RegularExpressions;
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
        var createdNode = c.Key(createdKey);
        var createdText = c.Text(createdNode, createdKey.Key);
        DateOnly? created = null;
        if (createdText is not null)
        {
            if (DateOnly.TryParseExact(createdText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                created = d;
            }
            else
            {
                c.Error(createdNode, createdKey.Key, $"must be a date yyyy-MM-dd (the stack's first pulumi up), got '{createdText}'");
            }
        }

        var lockKey = ConfigKeys.AuditImmutability;
        var lockNode = c.Key(lockKey);
        ImmutabilityState? state = c.Text(lockNode, lockKey.Key) switch
        {
            null => null,
            "unlocked" => ImmutabilityState.Unlocked,
            "locked" => ImmutabilityState.Locked,
            var other => Fail(c, lockNode, lockKey.Key, $"must be unlocked or locked (one way: locked never goes back), got '{other}'"),
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
                window = (from, to);
            }
            else
            {
                c.Error(windowNode, windowKey.Key, $"must be HH:mm-HH:mm in UTC with the start before the end, like 01:00-04:00, got '{windowText}'");
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
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (true, day);
        }
        c.Error(node, key.Key, $"must be none or a UTC day yyyy-MM-dd on which a season switch may step outside freshfoodz:lowTrafficWindow, got '{text}'");
        return (false, null);
    }

    private static EntraAdministrator? ReadDatabaseAdmin(ConfigCursor c)
    {
        var root = ConfigKeys.DatabaseAdmin.Key;
        var m = c.Map(c.Key(ConfigKeys.DatabaseAdmin), root, ["principalId", "principalName", "principalType"]);
        var id = PrincipalId(c, m, root);
        var name = c.Word(m, root, "principalName", "the principal's display name");
        if (name is not null && (name.Length > 128 || name.Any(char.IsControl)))
        {
            c.Error(m?["principalName"], $"{root}.principalName", "must be a display name of at most 128 characters without control characters");
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
        if (id is not null && !Guid().IsMatch(id))
        {
            c.Error(m?["principalId"], $"{root}.principalId", $"must be an Entra object ID (GUID) like 00000000-0000-0000-0000-000000000000, got '{id}'");
            return null;
        }
        return id;
    }

    private static string? PrincipalType(ConfigCursor c, ConfigMap? m, string root)
    {
        var type = c.Word(m, root, "principalType", string.Join("|", PrincipalTypes));
        if (type is not null && !PrincipalTypes.Contains(type))
        {
            c.Error(m?["principalType"], $"{root}.principalType", $"must be one of {string.Join("|", PrincipalTypes)}, got '{type}'");
            return null;
        }
        return type;
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Guid();

    private static ImmutabilityState? Fail(ConfigCursor c, ConfigNode? node, string path, string message)
    {
        c.Error(node, path, message);
        return null;
    }
}
