namespace FreshFoodz.Components.Residency;

/// <summary>
/// An Azure region this company may use. Pairs and zones from Microsoft docs (reliability/regions-list.md):
/// Germany West Central ↔ Germany North, Switzerland North ↔ Switzerland West; only the first of each pair has
/// availability zones; the second is access-restricted ("for in-country disaster recovery") and needs a
/// one-time region access request per subscription.
/// </summary>
public sealed record AzureRegion
{
    private AzureRegion(string name, string shortCode, string displayName, int availabilityZones, bool accessRestricted, bool zoneRedundantPostgresHa)
    {
        Name = name;
        ShortCode = shortCode;
        DisplayName = displayName;
        AvailabilityZones = availabilityZones;
        AccessRestricted = accessRestricted;
        ZoneRedundantPostgresHa = zoneRedundantPostgresHa;
    }

    // Zone-redundant PostgreSQL HA: new deployments are currently blocked in Germany West Central (Microsoft docs,
    // PostgreSQL flexible server overview, region table, 2025-11-18); Switzerland North allows it; the zone-less
    // DR regions offer same-zone HA only.
    public static AzureRegion GermanyWestCentral { get; } = new("germanywestcentral", "gwc", "Germany West Central", 3, false, false);
    public static AzureRegion GermanyNorth { get; } = new("germanynorth", "gno", "Germany North", 0, true, false);
    public static AzureRegion SwitzerlandNorth { get; } = new("switzerlandnorth", "szn", "Switzerland North", 3, false, true);
    public static AzureRegion SwitzerlandWest { get; } = new("switzerlandwest", "szw", "Switzerland West", 0, true, false);

    public static IReadOnlyList<AzureRegion> Known { get; } = [GermanyWestCentral, GermanyNorth, SwitzerlandNorth, SwitzerlandWest];

    /// <summary>The region's programmatic name, as <c>location</c> inputs take it.</summary>
    public string Name { get; }

    /// <summary>A three-letter code for resource names (rg-…-gwc).</summary>
    public string ShortCode { get; }

    public string DisplayName { get; }

    /// <summary>Whether new zone-redundant PostgreSQL HA deployments are possible here.</summary>
    public bool ZoneRedundantPostgresHa { get; }

    public int AvailabilityZones { get; }

    public bool AccessRestricted { get; }

    /// <summary>Zone names "1".."n" as AKS and PostgreSQL take them.</summary>
    public IReadOnlyList<string> ZoneNames => Enumerable.Range(1, AvailabilityZones).Select(z => z.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public static AzureRegion? Find(string name) =>
        Known.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Name;
}
