using FreshFoodz.Capacity.Seasons;
using FreshFoodz.Components.Plan;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Switching;

/// <summary>One replicated PostgreSQL tier's vCores in each season: the primary's and its replica's.</summary>
public sealed record TierCores(string Primary, string Replica, IReadOnlyDictionary<Season, int> PrimaryCores, IReadOnlyDictionary<Season, int> ReplicaCores);

/// <summary>
/// What the stepper needs to know of a stack, read from its season plans: every replicated tier's vCores per season,
/// and each season's app load (its load multiplier), which says whether app capacity is added or removed.
/// </summary>
public sealed record SwitchFacts(IReadOnlyList<TierCores> Tiers, IReadOnlyDictionary<Season, double> AppLoad)
{
    private const string Server = "azure-native:dbforpostgresql:Server";

    /// <summary>The facts of <paramref name="settings"/>' season plans (all groups at each season).</summary>
    public static SwitchFacts Of(StackSettings settings, IReadOnlyDictionary<Season, StackPlan> seasonPlans)
    {
        int Cores(StackPlan plan, string server) =>
            (plan.Resource(server).Inputs.At("sku.name") as PlanString)?.Value is { } sku
                ? settings.Capacity.PostgresSkus.FirstOrDefault(s => s.Name == sku)?.VCores ?? 0
                : 0;
        var any = seasonPlans.Values.First();
        var tiers = any.OfType(Server)
            .Where(r => r.Inputs.At("createMode") is PlanString { Value: "Replica" } && r.Inputs.At("sourceServerResourceId") is PlanRef)
            .Select(r => (Replica: r.Name, Primary: ((PlanRef)r.Inputs.At("sourceServerResourceId")!).Resource))
            .OrderBy(x => x.Primary, StringComparer.Ordinal)
            .Select(x => new TierCores(
                x.Primary, x.Replica,
                seasonPlans.ToDictionary(p => p.Key, p => Cores(p.Value, x.Primary)),
                seasonPlans.ToDictionary(p => p.Key, p => Cores(p.Value, x.Replica))))
            .ToList();
        return new SwitchFacts(tiers, SeasonNames.All.ToDictionary(s => s, s => settings.Capacity.Seasons[s].LoadMultiplier));
    }
}
