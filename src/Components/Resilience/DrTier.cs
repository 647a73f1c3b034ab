namespace FreshFoodz.Components.Resilience;

/// <summary>Disaster-recovery tiers and the targets each must stay strictly under.</summary>
public enum DrTier
{
    Critical,
    High,
    Standard,
}

public sealed record RecoveryTarget(TimeSpan Rto, TimeSpan Rpo);

public static class DrTiers
{
    public static RecoveryTarget Target(this DrTier tier) => tier switch
    {
        DrTier.Critical => new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(15)),
        DrTier.High => new(TimeSpan.FromHours(4), TimeSpan.FromHours(1)),
        DrTier.Standard => new(TimeSpan.FromHours(24), TimeSpan.FromHours(4)),
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };

    /// <summary>The config and name spelling: critical, high, standard.</summary>
    public static string Code(this DrTier tier) => tier.ToString().ToLowerInvariant();

    /// <summary>Which business functions each tier serves (the DR plan's mapping).</summary>
    public static IReadOnlyList<string> Functions(this DrTier tier) => tier switch
    {
        DrTier.Critical => ["lead protection", "sample management", "order processing"],
        DrTier.High => ["CRM", "reporting", "communication"],
        DrTier.Standard => ["help", "archive", "non-critical settings"],
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };
}
