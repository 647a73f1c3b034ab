using System.Globalization;
using FreshFoodz.Components.Resilience;

namespace FreshFoodz.Components.Drills;

/// <summary>How a drill restores a tier's primary: point-in-time in its region, or from its geo-redundant backup in the DR region.</summary>
public enum RestoreKind
{
    PointInTime,
    Geo,
}

/// <summary>
/// A restore drill as the stack sets it (<c>freshfoodz:restoreDrill</c>): the day it runs, the tiers whose primaries it
/// restores, and the restore point. Every listed tier gets a point-in-time restore of its primary; the standard tier,
/// which recovers a region outage by geo-restore (docs/disaster-recovery.md), also a geo-restore in the DR region.
/// </summary>
public sealed record RestoreDrillPlan(DateOnly Date, IReadOnlyList<DrTier> Tiers, DateTimeOffset PointInTime)
{
    /// <summary>The restore point when the stack names none: the drill day's first second (UTC), hours old when the drill runs.</summary>
    public static DateTimeOffset DefaultPointInTime(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>
    /// How long after a moment its restore is sure to find the log backups that hold it: "In general, the delay RPO
    /// can be up to 5 minutes" (concepts-backup-restore.md, Backup frequency), with margin for a late archive.
    /// </summary>
    public static readonly TimeSpan LogBackupDelay = TimeSpan.FromMinutes(15);

    /// <summary>The first moment a run may ask for the restore: its point has passed and is in the log backups.</summary>
    public DateTimeOffset RestorableFrom => PointInTime + LogBackupDelay;

    /// <summary>Every restore the drill plans, in tier order: point-in-time first, then the geo-restore where the tier has one.</summary>
    public IReadOnlyList<(DrTier Tier, RestoreKind Kind)> Restores =>
    [
        .. Tiers.Order().SelectMany(t => KindsFor(t).Select(k => (t, k))),
    ];

    /// <summary>Point-in-time for every tier; geo-restore too for the tier whose region-outage recovery it is (standard).</summary>
    public static IReadOnlyList<RestoreKind> KindsFor(DrTier tier) =>
        tier == DrTier.Standard ? [RestoreKind.PointInTime, RestoreKind.Geo] : [RestoreKind.PointInTime];

    /// <summary>yyyyMMdd: the drill's day in every name it gives (a new date is a new drill).</summary>
    public string DateCode => Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The restore point as the API takes it (ISO 8601, UTC).</summary>
    public string PointInTimeText => PointInTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Code(RestoreKind kind) => kind == RestoreKind.PointInTime ? "pitr" : "geo";
}
