namespace FreshFoodz.Capacity.Seasons;

/// <summary>A load season of the seasonal operations plan.</summary>
public enum Season
{
    Baseline,
    Spargel,
    Oktoberfest,
    Weihnachten,
}

/// <summary>The config spelling of seasons (<c>freshfoodz:season</c>), in one place.</summary>
public static class SeasonNames
{
    public const string Auto = "auto";

    public static IReadOnlyList<Season> All { get; } = Enum.GetValues<Season>();

    public static string ConfigName(this Season season) => season.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out Season season)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ConfigName(), text, StringComparison.Ordinal))
            {
                season = candidate;
                return true;
            }
        }
        season = default;
        return false;
    }

    /// <summary>What <c>freshfoodz:season</c> accepts, for error messages.</summary>
    public static string Allowed => string.Join("|", new[] { Auto }.Concat(All.Select(s => s.ConfigName())));
}

/// <summary>A stack's season setting: pinned to one season, or <c>auto</c> (resolved from a date).</summary>
public readonly record struct SeasonSelection(Season? Pinned)
{
    public static SeasonSelection Auto => new(null);

    public bool IsAuto => Pinned is null;

    public Season Resolve(DateOnly date, SeasonCatalog catalog, int leadTimeDays) =>
        Pinned ?? catalog.Resolve(date, leadTimeDays);

    public override string ToString() => Pinned?.ConfigName() ?? SeasonNames.Auto;
}
