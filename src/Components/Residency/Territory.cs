namespace FreshFoodz.Components.Residency;

/// <summary>
/// A sales territory with strict data residency: its data and DR copies stay in its own country's regions.
/// (GDPR and the Swiss revDSG do not require localization; this is the company's own commitment.)
/// </summary>
public sealed record Territory
{
    private Territory(string code, string country, string currency, AzureRegion primary, AzureRegion disasterRecovery, string timeZone)
    {
        TimeZone = timeZone;
        Code = code;
        Country = country;
        Currency = currency;
        Primary = primary;
        DisasterRecovery = disasterRecovery;
    }

    public static Territory Germany { get; } = new("de", "Germany", "EUR", AzureRegion.GermanyWestCentral, AzureRegion.GermanyNorth, "Europe/Berlin");
    public static Territory Switzerland { get; } = new("ch", "Switzerland", "CHF", AzureRegion.SwitzerlandNorth, AzureRegion.SwitzerlandWest, "Europe/Zurich");

    public static IReadOnlyList<Territory> All { get; } = [Germany, Switzerland];

    /// <summary>The config spelling, <c>de</c> or <c>ch</c>.</summary>
    public string Code { get; }

    public string Country { get; }

    /// <summary>The customers' local time (IANA time zone database name): the daily load curve's hours, KEDA's cron windows.</summary>
    public string TimeZone { get; }

    /// <summary>ISO 4217 code prices and budgets are kept in.</summary>
    public string Currency { get; }

    public AzureRegion Primary { get; }

    /// <summary>The in-country paired region DR copies go to.</summary>
    public AzureRegion DisasterRecovery { get; }

    public IReadOnlyList<AzureRegion> Regions => [Primary, DisasterRecovery];

    public bool Owns(AzureRegion region) => Regions.Contains(region);

    public static string Allowed => string.Join("|", All.Select(t => t.Code));

    public static Territory? Find(string code) => All.FirstOrDefault(t => t.Code == code);

    public override string ToString() => Code;
}
