using System.Globalization;
using FreshFoodz.Capacity.Daily;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Reads <c>freshfoodz:dailyLoad</c>: <c>default</c> (the documented <see cref="DailyLoadCurve.B2BFoodOrdering"/>) or
/// a list of 24 hourly factors, hour 0–23 in the territory's local time, each from 0.01 to 1 with the busiest exactly 1
/// (what <c>calibrate --write</c> measures). The curve is named by its source so <c>capacity</c> can say where it came from.
/// </summary>
internal static class DailyLoadSettingsReader
{
    public const string DefaultWord = "default";

    public static string Expected =>
        $"{DefaultWord} or a list of {DailyLoadCurve.Hours} hourly factors (hour 0–23 in the territory's local time), each from {DailyLoadCurve.MinimumFactor.ToString(CultureInfo.InvariantCulture)} to 1, the busiest exactly 1";

    public static DailyLoadCurve? Read(ConfigCursor c, string source)
    {
        var key = ConfigKeys.DailyLoad;
        var node = c.Key(key);
        switch (node)
        {
            case null:
                return null;
            case ConfigScalar { Value: DefaultWord }:
                return DailyLoadCurve.B2BFoodOrdering;
            case ConfigScalar s:
                c.Error(node, key.Key, $"must be {Expected}, got {ValueText.Quote(s.Value)}");
                return null;
            case ConfigList list when list.Items.Count != DailyLoadCurve.Hours:
                c.Error(node, key.Key, $"must be {Expected}; got {list.Items.Count} factor{(list.Items.Count == 1 ? "" : "s")}");
                return null;
            case ConfigList list:
                var factors = list.Items.Select((item, hour) => c.Number(item, $"{key.Key}[{hour}]")).ToList();
                if (factors.Any(f => f is null))
                {
                    return null;
                }
                var busiest = factors.Max(f => f!.Value);
                if (busiest != 1.0)
                {
                    // Factors are relative to the busy hour, whose rate is the season's: without a 1 the curve would scale the season.
                    c.Error(node, key.Key, $"the busiest hour's factor must be exactly 1 (factors are relative to the busiest hour); the largest is {busiest.ToString("0.#####", CultureInfo.InvariantCulture)}");
                    return null;
                }
                return new DailyLoadCurve([.. factors.Select(f => f!.Value)], $"{key.Key} in {source}");
            case ConfigSecret:
                c.Error(node, key.Key, "must be a plain value, not a secret");
                return null;
            default:
                c.Error(node, key.Key, $"must be {Expected}, not a mapping");
                return null;
        }
    }
}
