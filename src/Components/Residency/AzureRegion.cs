namespace FreshFoodz.Components.Residency;

/// <summary>
/// An Azure region this company may use. Pairs and zones from Microsoft docs (reliability/regions-list.md):
/// Germany West Central ↔ Germany North, Switzerland North ↔ Switzerland West; only the first of each pair has
/// availability zones; the second is access-restricted ("for in-country disaster recovery") and needs a
/// one-time region access request per subscription.
/// </summary>
public sealed record AzureRegion
{
    private AzureRegion(string name, string displayName, int availabilityZones, bool accessRestricted)
    {
        Name = name;
        DisplayName = displayName;
        AvailabilityZones = availabilityZones;
        AccessRestricted = accessRestricted;
    }

    public static AzureRegion GermanyWestCentral { get; } = new("germanywestcentral", "Germany West Central", 3, false);
    public static AzureRegion GermanyNorth { get; } = new("germanynorth", "Germany North", 0, true);
    public static AzureRegion SwitzerlandNorth { get; } = new("switzerlandnorth", "Switzerland North", 3, false);
    public static AzureRegion SwitzerlandWest { get; } = new("switzerlandwest", "Switzerland West", 0, true);

    public static IReadOnlyList<AzureRegion> Known { get; } = [GermanyWestCentral, GermanyNorth, SwitzerlandNorth, SwitzerlandWest];

    /// <summary>The region's programmatic name, as <c>location</c> inputs take it.</summary>
    public string Name { get; }

    public string DisplayName { get; }

    public int AvailabilityZones { get; }

    public bool AccessRestricted { get; }

    /// <summary>Zone names "1".."n" as AKS and PostgreSQL take them.</summary>
    public IReadOnlyList<string> ZoneNames => Enumerable.Range(1, AvailabilityZones).Select(z => z.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public static AzureRegion? Find(string name) =>
        Known.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
