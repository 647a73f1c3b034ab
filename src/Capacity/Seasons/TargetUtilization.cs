namespace FreshFoodz.Capacity.Seasons;

/// <summary>Target utilization per tier: the share of capacity a season may use on average.</summary>
public sealed record TargetUtilization(double App, double Workers, double Database)
{
    public IEnumerable<(string Tier, double Value)> Tiers()
    {
        yield return ("app", App);
        yield return ("workers", Workers);
        yield return ("database", Database);
    }
}
