using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FreshFoodz.Monitoring.Documents;
using FreshFoodz.Stacks.Settings;

namespace FreshFoodz.Stacks.Pricing;

/// <summary>Where a sheet's prices come from.</summary>
public enum PriceSource
{
    /// <summary>Written by <c>freshfoodz prices refresh</c> from the Azure Retail Prices API on <see cref="PriceSheet.Retrieved"/>.</summary>
    RetailPricesApi,

    /// <summary>Typed in by hand (not from the API); the sheet's note says from where. Reports say so.</summary>
    NotFromApi,
}

/// <summary>One meter's price in the sheet's currency, per <see cref="Unit"/>, with the API row it came from.</summary>
public sealed record MeterPrice(
    string Key,
    decimal Price,
    string Unit,
    string MeterName,
    string MeterId,
    string SkuName,
    string ProductName,
    string EffectiveStartDate);

/// <summary>A meter the refresh asked for and the API did not return.</summary>
public sealed record MissingMeter(string Key, string Description, string Filter);

/// <summary>
/// A stack's reviewed price sheet (<c>prices/&lt;stack&gt;.prices.yaml</c>): every price names its meter. Planning reads
/// only this file, never the API; <c>freshfoodz prices refresh</c> rewrites it.
/// </summary>
public sealed record PriceSheet(
    string Stack,
    string Currency,
    PriceSource Source,
    DateOnly? Retrieved,
    string Note,
    IReadOnlyDictionary<string, MeterPrice> Prices,
    IReadOnlyList<MissingMeter> Missing)
{
    public const string Folder = "prices";

    /// <summary>The stack's volume estimates (<c>prices/&lt;stack&gt;.usage.yaml</c>), which price what the plan cannot count.</summary>
    public UsageEstimates Usage { get; init; } = UsageEstimates.None;

    public static string RelativePath(string stack) => $"{Folder}/{stack}.prices.yaml";

    public static string PathIn(string projectDir, string stack) => Path.Combine(projectDir, Folder, $"{stack}.prices.yaml");

    /// <summary>One line for reports: where the prices come from and when.</summary>
    public string Provenance => Source == PriceSource.RetailPricesApi
        ? $"Azure Retail Prices API, retrieved {(Retrieved is { } r ? ToolDates.Show(r) : "")} ({RelativePath(Stack)})"
        : $"NOT from the Azure Retail Prices API: {Note} ({RelativePath(Stack)}; run freshfoodz prices refresh --stack {Stack})";
}

/// <summary>A price sheet or usage file that cannot be read or used; every problem names the file, line and key.</summary>
public sealed class PriceSheetException : Exception
{
    public PriceSheetException(IReadOnlyList<SettingsError> errors)
        : base(string.Join(Environment.NewLine, errors)) => Errors = errors;

    public PriceSheetException(string message)
        : base(message) => Errors = [];

    /// <summary>The problems, when the file was read and checked (empty for one that came from using it).</summary>
    public IReadOnlyList<SettingsError> Errors { get; }
}

/// <summary>
/// Reads and writes price sheets. Reading goes through the one reader of YAML files (<see cref="YamlFile"/>) with the
/// schema <see cref="Kind"/>; writing renders YAML (keys sorted, numbers culture-free, every string quoted and
/// escaped) that reads back equal.
/// </summary>
public static partial class PriceSheetFile
{
    private static readonly string[] SourceNames = ["retail-prices-api", "not-from-api"];

    /// <summary>
    /// The most a sheet's price may be, per unit: a typo guard, not a market view. The dearest price in the committed
    /// sheets is PostgreSQL Standard_D32ds_v5 at about 3.29 EUR an hour (0.10 a vCore-hour); at that rate the largest
    /// SKU a stack may declare (128 vCores, NumericRanges) costs about 13 an hour. 1,000 is 75 times that, and keeps
    /// a year of the largest plan far inside decimal.
    /// </summary>
    public static readonly NumericRange PriceRange = new("prices.*.price", 0, 1000, "sheet currency per unit");

    /// <summary>A meter key: a kind the cost model reads (<see cref="Meters.UnitOfKind"/>), then its region and name.</summary>
    private static YamlSchema MeterKey { get; } = YamlSchema.Matching(
        new Regex($@"\A({string.Join("|", Meters.UnitOfKind.Keys.Select(Regex.Escape))})(:[A-Za-z0-9 ._()-]{{1,100}}){{0,3}}\z", RegexOptions.CultureInvariant),
        $"a meter key kind:region:name, kind one of {string.Join(", ", Meters.UnitOfKind.Keys)}");

    /// <summary>What a price sheet is: one document, these keys and no others, each value of its kind.</summary>
    public static YamlFileKind Kind { get; } = new(
        "price sheet", "a price sheet is YAML with stack, currency, source, retrieved, note, prices and missing", 3,
        YamlSchema.Fields(
            new YamlField("stack", YamlSchema.Scalar(StackFileLoader.StackNameRule, StackFileLoader.IsValidStackName)),
            new YamlField("currency", YamlSchema.OneOf("EUR", "CHF")),
            new YamlField("source", YamlSchema.OneOf(SourceNames)),
            new YamlField("retrieved", YamlSchema.Date().OrEmpty(), Required: false),
            new YamlField("note", YamlSchema.Text(500), Required: false),
            new YamlField("prices", YamlSchema.Entries(
                YamlSchema.Fields(
                    new YamlField("price", YamlSchema.Number(PriceRange)),
                    new YamlField("unit", YamlSchema.OneOf([.. Meters.Units])),
                    new YamlField("meterName", YamlSchema.Text(200).OrEmpty()),
                    new YamlField("meterId", YamlSchema.Text(100).OrEmpty()),
                    new YamlField("skuName", YamlSchema.Text(200).OrEmpty()),
                    new YamlField("productName", YamlSchema.Text(200).OrEmpty()),
                    new YamlField("effectiveStartDate", YamlSchema.Date().OrEmpty())),
                MeterKey)),
            new YamlField("missing", YamlSchema.Items(
                YamlSchema.Fields(
                    new YamlField("key", MeterKey),
                    new YamlField("description", YamlSchema.Text(500).OrEmpty()),
                    new YamlField("filter", YamlSchema.Text(2000).OrEmpty())),
                1000), Required: false)),
        errors => new PriceSheetException(errors));

    public static PriceSheet Load(string projectDir, string stack)
    {
        var source = PriceSheet.RelativePath(stack);
        var root = YamlFile.Load(Kind, PriceSheet.PathIn(projectDir, stack), source, (root, problems) => Check(root, stack, problems))
            ?? throw new PriceSheetException($"{source}: no price sheet for stack '{stack}'; create it with: freshfoodz prices refresh --stack {stack}");
        return From((ConfigMap)root) with { Usage = UsageEstimatesFile.Load(projectDir, stack) };
    }

    /// <summary>A sheet's text, read and checked as <see cref="Load"/> does: it must be <paramref name="stack"/>'s.</summary>
    public static PriceSheet Parse(string source, string stack, string yaml) =>
        From((ConfigMap)YamlFile.Parse(Kind, source, yaml, (root, problems) => Check(root, stack, problems)));

    /// <summary>What the schema cannot say: whose sheet it is, what each source requires, the unit each meter bills by.</summary>
    private static void Check(ConfigNode root, string stack, ProblemList problems)
    {
        var map = (ConfigMap)root;
        if (Text(map, "stack") != stack)
        {
            problems.Add(map["stack"], "stack", $"must be '{stack}', the stack this sheet prices, got {ValueText.Quote(Text(map, "stack"))}: another stack's sheet is refused");
        }
        var fromApi = Text(map, "source") == SourceNames[0];
        if (fromApi && Text(map, "retrieved") == "")
        {
            problems.Add(map, "retrieved", "missing; a sheet from the Retail Prices API says when it was retrieved (yyyy-MM-dd)");
        }
        if (!fromApi && Text(map, "note") == "")
        {
            problems.Add(map, "note", "missing; a sheet not from the API says where its prices come from");
        }
        foreach (var (key, node) in ((ConfigMap)map["prices"]!).Entries)
        {
            var entry = (ConfigMap)node;
            var unit = Meters.UnitOfKind[Meters.KindOf(key)];
            if (Text(entry, "unit") != unit)
            {
                problems.Add(entry["unit"], $"prices.{key}.unit", $"a {Meters.KindOf(key)} meter bills per '{unit}', got '{Text(entry, "unit")}'");
            }
            foreach (var field in fromApi ? ApiFields : [])
            {
                if (Text(entry, field) == "")
                {
                    problems.Add(entry, $"prices.{key}.{field}", "missing; a price from the Retail Prices API names its meter");
                }
            }
        }
    }

    private static readonly string[] ApiFields = ["meterName", "meterId", "skuName", "productName", "effectiveStartDate"];

    /// <summary>The sheet of a checked tree (every value is there and of its kind).</summary>
    private static PriceSheet From(ConfigMap root)
    {
        var prices = new Dictionary<string, MeterPrice>(StringComparer.Ordinal);
        foreach (var (key, node) in ((ConfigMap)root["prices"]!).Entries)
        {
            var e = (ConfigMap)node;
            prices[key] = new MeterPrice(key, decimal.Parse(Text(e, "price"), NumberStyles.Float, CultureInfo.InvariantCulture), Text(e, "unit"),
                Text(e, "meterName"), Text(e, "meterId"), Text(e, "skuName"), Text(e, "productName"), Text(e, "effectiveStartDate"));
        }
        var missing = (root["missing"] as ConfigList)?.Items.Cast<ConfigMap>()
            .Select(m => new MissingMeter(Text(m, "key"), Text(m, "description"), Text(m, "filter"))).ToList() ?? [];
        var retrieved = Text(root, "retrieved");
        return new PriceSheet(
            Text(root, "stack"), Text(root, "currency"), Text(root, "source") == SourceNames[0] ? PriceSource.RetailPricesApi : PriceSource.NotFromApi,
            retrieved == "" ? null : DateOnly.ParseExact(retrieved, "yyyy-MM-dd", CultureInfo.InvariantCulture), Text(root, "note"), prices, missing);
    }

    private static string Text(ConfigMap map, string key) => (map[key] as ConfigScalar)?.Value ?? "";

    /// <summary>The sheet as YAML: keys sorted, prices invariant, every string quoted.</summary>
    public static string Render(PriceSheet sheet)
    {
        var b = new StringBuilder();
        b.Append("# Price sheet of stack ").Append(sheet.Stack).Append(": the only prices the planner reads (docs/capacity-model.md, Cost).\n");
        b.Append("# Written by: freshfoodz prices refresh --stack ").Append(sheet.Stack).Append(". Review the diff before committing.\n");
        b.Append("stack: ").Append(S(sheet.Stack)).Append('\n');
        b.Append("currency: ").Append(S(sheet.Currency)).Append('\n');
        b.Append("source: ").Append(sheet.Source == PriceSource.RetailPricesApi ? SourceNames[0] : SourceNames[1]).Append('\n');
        b.Append("retrieved: ").Append(sheet.Retrieved is { } r ? r.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "null").Append('\n');
        if (sheet.Note != "")
        {
            b.Append("note: ").Append(S(sheet.Note)).Append('\n');
        }
        b.Append("prices:").Append(sheet.Prices.Count == 0 ? " {}\n" : "\n");
        foreach (var p in sheet.Prices.Values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            b.Append("  ").Append(S(p.Key)).Append(":\n");
            b.Append("    price: ").Append(p.Price.ToString(CultureInfo.InvariantCulture)).Append('\n');
            b.Append("    unit: ").Append(S(p.Unit)).Append('\n');
            b.Append("    meterName: ").Append(S(p.MeterName)).Append('\n');
            b.Append("    meterId: ").Append(S(p.MeterId)).Append('\n');
            b.Append("    skuName: ").Append(S(p.SkuName)).Append('\n');
            b.Append("    productName: ").Append(S(p.ProductName)).Append('\n');
            b.Append("    effectiveStartDate: ").Append(S(p.EffectiveStartDate)).Append('\n');
        }
        b.Append("missing:").Append(sheet.Missing.Count == 0 ? " []\n" : "\n");
        foreach (var m in sheet.Missing.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            b.Append("  - key: ").Append(S(m.Key)).Append('\n');
            b.Append("    description: ").Append(S(m.Description)).Append('\n');
            b.Append("    filter: ").Append(S(m.Filter)).Append('\n');
        }
        return b.ToString();
    }

    /// <summary>
    /// Writes the sheet, after reading its rendering back as <see cref="Load"/> would (so no sheet the tool would
    /// refuse replaces a good one), through the one writer (<see cref="AtomicFile"/>).
    /// </summary>
    public static void Write(string path, PriceSheet sheet)
    {
        var text = Render(sheet);
        Parse(PriceSheet.RelativePath(sheet.Stack), sheet.Stack, text);
        AtomicFile.CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.Update(path, AtomicFile.Utf8.GetBytes(text));
    }

    /// <summary>A double-quoted YAML scalar; '\\', '"' and every character the reader refuses are escaped, so nothing breaks the line.</summary>
    private static string S(string value)
    {
        var b = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                b.Append(ch).Append(value[++i]);
                continue;
            }
            b.Append(ch switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                _ when Printable.Refuses(ch) => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}"),
                _ => ch.ToString(),
            });
        }
        return b.Append('"').ToString();
    }

}
