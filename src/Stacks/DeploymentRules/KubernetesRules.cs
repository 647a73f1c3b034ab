using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;

namespace FreshFoodz.Stacks.DeploymentRules;

/// <summary>AKS versions: creatable on the plan date by the release calendar, and changed only outside the peaks.</summary>
internal static class KubernetesRules
{
    private const string Version = "kubernetesVersion";

    public static readonly DeploymentRule VersionSupported = new(
        "AksVersionSupported",
        $"A cluster's Kubernetes minor version is generally available and not past its end of life on the plan date (long-term support end with the Premium tier and supportPlan AKSLongTermSupport); a warning starts {AksVersionCalendar.WarnDaysBeforeEnd} days before the end.",
        AksVersionCalendar.Source)
    {
        NeedsDate = true,
        OnPlan = (plan, context) => context.Date is not { } date
            ? []
            : plan.OfType(PlanFacts.ManagedCluster).SelectMany(c => Check(c, date)),
    };

    public static readonly DeploymentRule UpgradeOutsidePeak = new(
        "AksUpgradeOutsidePeakWindow",
        "A cluster's Kubernetes version changes only outside the peak windows (from T-14 before a peak's first day to its last day): a change freeze.",
        "AKS upgrades drain and re-image every node one surge node at a time (Microsoft docs \"Upgrade an AKS cluster\"); the freeze is our "
        + "rule, from the seasonal operations plan's T-14 milestone (docs/seasonal-operations.md)")
    {
        NeedsDate = true,
        OnSwitch = (from, to, context) =>
        {
            if (context.Date is not { } date)
            {
                return [];
            }
            var window = context.Settings.Capacity.Seasons.WindowsAround(date.Year, context.Settings.Capacity.LeadTimeDays)
                .FirstOrDefault(w => w.Contains(date));
            return window is null
                ? []
                : from.OfType(PlanFacts.ManagedCluster)
                    .Select(c => (Cluster: c, Before: c.Text(Version), After: to.Twin(c)?.Text(Version)))
                    .Where(x => x.After is not null && x.After != x.Before)
                    .Select(x => new Breach(x.Cluster.Name, Version, RuleLevel.Refuse,
                        $"changes from {x.Before} to {x.After} on {AksVersionCalendar.Format(date)}, inside the {window.Season.ConfigName()} change freeze "
                        + $"({AksVersionCalendar.Format(window.CapacityFrom)} to {AksVersionCalendar.Format(window.LastDay)}): upgrade after it"));
        },
    };

    private static IEnumerable<Breach> Check(PlannedResource cluster, DateOnly date)
    {
        var version = cluster.Text(Version) ?? "";
        var creatable = string.Join(", ", AksVersionCalendar.CreatableOn(date));
        if (AksVersionCalendar.For(version) is not { } entry)
        {
            yield return new Breach(cluster.Name, Version, RuleLevel.Refuse,
                $"{version} is not in the AKS release calendar (src/Stacks/DeploymentRules/AksVersionCalendar.cs); creatable on {AksVersionCalendar.Format(date)}: {creatable}");
            yield break;
        }
        var longTerm = cluster.Text("sku.tier") == "Premium" && cluster.Text("supportPlan") == "AKSLongTermSupport";
        var end = longTerm ? entry.LongTermSupportEnd : entry.EndOfLife;
        if (date < entry.GeneralAvailability)
        {
            yield return new Breach(cluster.Name, Version, RuleLevel.Refuse,
                $"{version} is not generally available before {AksVersionCalendar.Format(entry.GeneralAvailability)}; creatable on {AksVersionCalendar.Format(date)}: {creatable}");
        }
        else if (date > end)
        {
            yield return new Breach(cluster.Name, Version, RuleLevel.Refuse,
                $"{version} reached its end of {(longTerm ? "long-term support" : "life")} on {AksVersionCalendar.Format(end)} and can no longer be created; creatable on {AksVersionCalendar.Format(date)}: {creatable}");
        }
        else if (end.DayNumber - date.DayNumber <= AksVersionCalendar.WarnDaysBeforeEnd)
        {
            yield return new Breach(cluster.Name, Version, RuleLevel.Warn,
                $"{version} reaches its end of {(longTerm ? "long-term support" : "life")} on {AksVersionCalendar.Format(end)}: plan the upgrade outside the peak windows");
        }
    }
}
