using System.Globalization;
using FreshFoodz.Components.Data;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// What a stack keeps from its first deployment, and the one-way steps a person takes afterwards: the creation date
/// (fixes the AI budget's start month and the audit-lock deadline) and the audit archive's lock.
/// </summary>
public sealed record DeploymentSettings(DateOnly CreatedOn, ImmutabilityState AuditImmutability)
{
    /// <summary>A production stack's audit archive must be locked by this day (deployment rule AuditArchiveLockedInTime).</summary>
    public const int LockWithinDays = 30;

    public DateOnly LockDeadline => CreatedOn.AddDays(LockWithinDays);
}

/// <summary>Reads <c>freshfoodz:createdOn</c> and <c>freshfoodz:auditImmutability</c>.</summary>
internal static class DeploymentSettingsReader
{
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
        return created is null || state is null ? null : new DeploymentSettings(created.Value, state.Value);
    }

    private static ImmutabilityState? Fail(ConfigCursor c, ConfigNode? node, string path, string message)
    {
        c.Error(node, path, message);
        return null;
    }
}
