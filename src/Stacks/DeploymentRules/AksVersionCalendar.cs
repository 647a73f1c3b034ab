using System.Globalization;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>One Kubernetes minor version on AKS: from when it can be created, and until when it is supported.</summary>
/// <param name="Minor">major.minor, e.g. 1.36.</param>
/// <param name="GeneralAvailability">The first day AKS creates clusters of it in every region (the GA month's last day: AKS
/// rolls a release out over up to 10 business days, so the month's end is the safe reading).</param>
/// <param name="EndOfLife">The last day of community support: after it, no cluster of this minor can be created.</param>
/// <param name="LongTermSupportEnd">The last day of long-term support (Premium tier, supportPlan AKSLongTermSupport).</param>
public sealed record AksMinorVersion(string Minor, DateOnly GeneralAvailability, DateOnly EndOfLife, DateOnly LongTermSupportEnd);

/// <summary>
/// The AKS Kubernetes release calendar as data. Source: Microsoft docs, "Supported Kubernetes versions in Azure
/// Kubernetes Service (AKS)" (MicrosoftDocs/azure-aks-docs, articles/aks/supported-kubernetes-versions.md, ms.date
/// 2026-08-05), tables "AKS Kubernetes release calendar" and "LTS versions". "Unless an explicit date is provided, the
/// End of Life (EOL) date is the last day of the specified month." Platform support (N-3) does not include cluster
/// creation, so a version past its end of life cannot be created. Update this table from the page when AKS
/// publishes a new minor; the rules refuse a minor it does not hold.
/// </summary>
public static class AksVersionCalendar
{
    public const string Source =
        "Microsoft docs \"Supported Kubernetes versions in Azure Kubernetes Service (AKS)\", 2026-08-05, release calendar and LTS tables";

    /// <summary>Warn this many days before a version's end: enough to find an upgrade slot outside the peak windows.</summary>
    public const int WarnDaysBeforeEnd = 180;

    public static IReadOnlyList<AksMinorVersion> Versions { get; } =
    [
        new("1.32", MonthEnd(2025, 4), MonthEnd(2026, 3), MonthEnd(2027, 3)),
        new("1.33", MonthEnd(2025, 6), MonthEnd(2026, 7), MonthEnd(2027, 7)),
        new("1.34", MonthEnd(2025, 11), MonthEnd(2026, 11), MonthEnd(2027, 11)),
        new("1.35", MonthEnd(2026, 3), MonthEnd(2027, 3), MonthEnd(2028, 3)),
        new("1.36", MonthEnd(2026, 6), MonthEnd(2027, 6), MonthEnd(2028, 6)),
        new("1.37", MonthEnd(2026, 10), MonthEnd(2027, 10), MonthEnd(2028, 10)),
    ];

    /// <summary>The calendar entry of a version's minor (<c>1.36.2</c> → 1.36), or null if the calendar lacks it.</summary>
    public static AksMinorVersion? For(string version)
    {
        var parts = version.Split('.');
        var minor = parts.Length >= 2 ? $"{parts[0]}.{parts[1]}" : version;
        return Versions.FirstOrDefault(v => v.Minor == minor);
    }

    /// <summary>The minors that can be created on <paramref name="date"/>.</summary>
    public static IEnumerable<string> CreatableOn(DateOnly date) =>
        Versions.Where(v => v.GeneralAvailability <= date && date <= v.EndOfLife).Select(v => v.Minor);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly MonthEnd(int year, int month) => new(year, month, DateTime.DaysInMonth(year, month));
}
