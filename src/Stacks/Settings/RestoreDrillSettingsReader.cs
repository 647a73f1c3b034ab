using System.Globalization;
using FreshFoodz.Components.Data;
using FreshFoodz.Components.Drills;
using FreshFoodz.Components.Resilience;

namespace FreshFoodz.Stacks.Settings;

/// <summary>
/// Reads <c>freshfoodz:restoreDrill</c>: <c>none</c>, or <c>{date, tiers, pointInTime?}</c>. The restore point must lie
/// in the past of the drill's day and inside every listed tier's backup retention counted from that day (a point
/// outside it has no backup to restore from), and after the stack's first day, when its servers began their backups.
/// </summary>
internal static class RestoreDrillSettingsReader
{
    public const string NoneWord = "none";

    private static readonly string[] Keys = ["date", "tiers", "pointInTime"];

    private static readonly string Expected = $"{NoneWord} or a mapping {{date: yyyy-MM-dd, tiers: [critical, high, standard], pointInTime: yyyy-MM-ddTHH:mm:ssZ (optional)}}";

    /// <summary>The drill (null for none), or null with the problems reported; <paramref name="ok"/> tells the two apart.</summary>
    public static RestoreDrillPlan? Read(ConfigCursor c, DateOnly? createdOn, out bool ok)
    {
        var key = ConfigKeys.RestoreDrill.Key;
        var node = c.Key(ConfigKeys.RestoreDrill);
        ok = false;
        switch (node)
        {
            case null:
                return null;
            case ConfigScalar { Value: NoneWord }:
                ok = true;
                return null;
            case ConfigScalar s:
                c.Error(node, key, $"must be {Expected}, got {ValueText.Quote(s.Value)}");
                return null;
            case ConfigSecret:
                c.Error(node, key, "must be a plain value, not a secret");
                return null;
            case ConfigList:
                c.Error(node, key, $"must be {Expected}, not a list");
                return null;
        }
        var map = c.Map(node, key, Keys);
        var date = ReadDate(c, map, key);
        var tiers = ReadTiers(c, map, key);
        var point = ReadPointInTime(c, map, key);
        if (date is null || tiers is null || point is { Failed: true } || map!.Entries.Any(e => !Keys.Contains(e.Key)))
        {
            return null;
        }
        var pointInTime = point?.Value ?? RestoreDrillPlan.DefaultPointInTime(date.Value);
        var where = point is null ? map : map["pointInTime"];
        var path = point is null ? $"{key}.date" : $"{key}.pointInTime";
        var shown = pointInTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var dayAfter = new DateTimeOffset(date.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (pointInTime >= dayAfter)
        {
            c.Error(where, path, $"restore point {shown} is after the drill's day {Day(date.Value)}: a restore point lies in the past");
            return null;
        }
        if (createdOn is { } created)
        {
            // The servers exist from the stack's first day; from the next day on their backups hold that day.
            var firstBackups = new DateTimeOffset(created.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (pointInTime < firstBackups)
            {
                c.Error(where, path, $"restore point {shown} is before the servers had backups: the stack was created on {Day(created)} (freshfoodz:createdOn); choose a point from {Day(created.AddDays(1))}");
                return null;
            }
        }
        foreach (var tier in tiers)
        {
            var retention = TieredDatabase.RetentionDays(tier);
            var oldest = new DateTimeOffset(date.Value.AddDays(-retention).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (pointInTime < oldest)
            {
                c.Error(where, path, $"restore point {shown} is outside the {tier.Code()} tier's {retention} days of backups before {Day(date.Value)}; choose a point from {Day(date.Value.AddDays(-retention))}");
                return null;
            }
        }
        ok = true;
        return new RestoreDrillPlan(date.Value, tiers, pointInTime);
    }

    private static DateOnly? ReadDate(ConfigCursor c, ConfigMap? map, string key)
    {
        var text = c.Word(map, key, "date", "the drill's day, yyyy-MM-dd");
        if (text is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year < 2000 || date.Year > 2100)
        {
            c.Error(map!["date"], $"{key}.date", $"must be the drill's day as yyyy-MM-dd from 2000 to 2100, got {ValueText.Quote(text)}");
            return null;
        }
        return date;
    }

    private static List<DrTier>? ReadTiers(ConfigCursor c, ConfigMap? map, string key)
    {
        var path = $"{key}.tiers";
        var allowed = string.Join("|", Enum.GetValues<DrTier>().Select(t => t.Code()));
        var node = c.Child(map, key, "tiers", $"a list of tiers ({allowed})");
        if (node is null)
        {
            return null;
        }
        if (node is not ConfigList list || list.Items.Count == 0)
        {
            c.Error(node, path, $"must be a list of at least one tier ({allowed}), like [critical, high, standard]");
            return null;
        }
        var tiers = new List<DrTier>();
        var ok = true;
        foreach (var (item, i) in list.Items.Select((n, i) => (n, i)))
        {
            var text = c.Text(item, $"{path}[{i}]");
            var tier = Enum.GetValues<DrTier>().Cast<DrTier?>().FirstOrDefault(t => t!.Value.Code() == text);
            if (text is null)
            {
                ok = false;
            }
            else if (tier is null)
            {
                c.Error(item, $"{path}[{i}]", $"unknown tier {ValueText.Quote(text)}{Suggestions.DidYouMean(text, allowed.Split('|'))}; allowed: {allowed}");
                ok = false;
            }
            else if (tiers.Contains(tier.Value))
            {
                c.Error(item, $"{path}[{i}]", $"lists {text} twice");
                ok = false;
            }
            else
            {
                tiers.Add(tier.Value);
            }
        }
        return ok ? tiers : null;
    }

    private static (DateTimeOffset Value, bool Failed)? ReadPointInTime(ConfigCursor c, ConfigMap? map, string key)
    {
        if (map?["pointInTime"] is not { } node)
        {
            return null;
        }
        var path = $"{key}.pointInTime";
        var text = c.Text(node, path);
        if (text is null)
        {
            return (default, true);
        }
        if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            c.Error(node, path, $"must be a UTC time yyyy-MM-ddTHH:mm:ssZ, like 2026-10-02T03:00:00Z, got {ValueText.Quote(text)}");
            return (default, true);
        }
        return (value, false);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
