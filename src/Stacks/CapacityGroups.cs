using FreshFoodz.Capacity.Seasons;

namespace FreshFoodz.Stacks;

/// <summary>The parts of a stack a season switch moves one at a time, each sized by a season of its own.</summary>
public enum CapacityGroup
{
    /// <summary>App capacity: the app pool's autoscaler bounds, the ScaledObjects, the quotas, the season ConfigMaps
    /// and the monitoring thresholds that follow capacity.</summary>
    Apps,

    /// <summary>The PostgreSQL primaries' SKUs (an HA standby follows its primary).</summary>
    Primaries,

    /// <summary>The PostgreSQL read replicas' SKUs.</summary>
    Replicas,
}

/// <summary>
/// A stack's capacity as groups, each at a season: all equal when the stack is steady, mixed between the steps of a
/// season switch. <c>StackPlanner.Build(settings, groups)</c> plans any of them.
/// </summary>
public sealed record CapacityGroups(Season Apps, Season Primaries, Season Replicas)
{
    public static IReadOnlyList<CapacityGroup> Order { get; } = [CapacityGroup.Apps, CapacityGroup.Primaries, CapacityGroup.Replicas];

    public static CapacityGroups All(Season season) => new(season, season, season);

    public bool Uniform => Apps == Primaries && Primaries == Replicas;

    public Season this[CapacityGroup group] => group switch
    {
        CapacityGroup.Apps => Apps,
        CapacityGroup.Primaries => Primaries,
        _ => Replicas,
    };

    public CapacityGroups With(CapacityGroup group, Season season) => group switch
    {
        CapacityGroup.Apps => this with { Apps = season },
        CapacityGroup.Primaries => this with { Primaries = season },
        _ => this with { Replicas = season },
    };

    /// <summary>The groups whose season differs from <paramref name="other"/>'s.</summary>
    public IEnumerable<CapacityGroup> Differing(CapacityGroups other) => Order.Where(g => this[g] != other[g]);

    /// <summary>The season whose load every group carries: the one with the smallest load multiplier.</summary>
    public Season Effective(SeasonCatalog seasons) =>
        Order.Select(g => this[g]).MinBy(s => (seasons[s].LoadMultiplier, (int)s));

    /// <summary><c>weihnachten</c>, or <c>apps=weihnachten,primaries=baseline,replicas=weihnachten</c> mid-switch.</summary>
    public string Label => Uniform ? Apps.ConfigName() : string.Join(",", Order.Select(g => $"{Name(g)}={this[g].ConfigName()}"));

    public override string ToString() => Label;

    public static string Name(CapacityGroup group) => group.ToString().ToLowerInvariant();

    /// <summary>What <see cref="Parse"/> accepts, for messages.</summary>
    public const string Syntax = "apps=<season>,primaries=<season>,replicas=<season> (seasons: baseline, spargel, oktoberfest, weihnachten)";

    /// <summary>Reads <see cref="Label"/>'s mixed form (every group once, any order) or one season for all.</summary>
    public static CapacityGroups Parse(string text)
    {
        if (SeasonNames.TryParse(text, out var all))
        {
            return All(all);
        }
        var seasons = new Dictionary<CapacityGroup, Season>();
        foreach (var part in text.Split(','))
        {
            var pair = part.Split('=');
            var group = pair.Length == 2 ? Order.Where(g => Name(g) == pair[0]).Cast<CapacityGroup?>().FirstOrDefault() : null;
            if (group is not { } g || !SeasonNames.TryParse(pair[1], out var season) || !seasons.TryAdd(g, season))
            {
                throw new FormatException($"expected {Syntax}");
            }
        }
        return seasons.Count == Order.Count
            ? new CapacityGroups(seasons[CapacityGroup.Apps], seasons[CapacityGroup.Primaries], seasons[CapacityGroup.Replicas])
            : throw new FormatException($"expected {Syntax}");
    }
}
