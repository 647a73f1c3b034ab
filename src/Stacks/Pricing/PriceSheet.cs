using System.Globalization;
using System.Text;
using FreshFoodz.Stacks.Settings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

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
        ? $"Azure Retail Prices API, retrieved {Retrieved:yyyy-MM-dd} ({RelativePath(Stack)})"
        : $"NOT from the Azure Retail Prices API: {Note} ({RelativePath(Stack)}; run freshfoodz prices refresh --stack {Stack})";
}

/// <summary>A price sheet that cannot be read; the message names the file and the key.</summary>
public sealed class PriceSheetException(string message) : Exception(message);

/// <summary>Reads and writes price sheets (YAML, culture-invariant, written to a temporary sibling and renamed).</summary>
public static class PriceSheetFile
{
    private static readonly string[] SourceNames = ["retail-prices-api", "not-from-api"];

    public static PriceSheet Load(string projectDir, string stack)
    {
        var source = PriceSheet.RelativePath(stack);
        var text = BoundedFile.ReadText(PriceSheet.PathIn(projectDir, stack), "price sheet", "a price sheet is YAML with stack, currency, source and prices",
            message => new PriceSheetException($"{source}: {message}"))
            ?? throw new PriceSheetException($"{source}: no price sheet for stack '{stack}'; create it with: freshfoodz prices refresh --stack {stack}");
        return Parse(source, text) with { Usage = UsageEstimatesFile.Load(projectDir, stack) };
    }

    public static PriceSheet Parse(string source, string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            throw new PriceSheetException($"{source}: malformed YAML: {e.Message.Split('\n')[0].Trim()}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PriceSheetException($"{source}: a price sheet is a mapping with stack, currency, source, retrieved, prices");
        }
        string Text(YamlMappingNode m, string key, string where, bool required = true)
        {
            if (m.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode { Value: { } v } && v is not ("" or "~" or "null"))
            {
                return v;
            }
            return required ? throw new PriceSheetException($"{source}: {where}{key} is missing (a text value is required)") : "";
        }

        var stack = Text(root, "stack", "");
        var currency = Text(root, "currency", "");
        var sourceText = Text(root, "source", "");
        var kind = Array.IndexOf(SourceNames, sourceText) switch
        {
            0 => PriceSource.RetailPricesApi,
            1 => PriceSource.NotFromApi,
            _ => throw new PriceSheetException($"{source}: source must be one of {string.Join(", ", SourceNames)}, got '{sourceText}'"),
        };
        var retrievedText = Text(root, "retrieved", "", required: kind == PriceSource.RetailPricesApi);
        DateOnly? retrieved = null;
        if (retrievedText != "")
        {
            retrieved = DateOnly.TryParseExact(retrievedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new PriceSheetException($"{source}: retrieved must be a date yyyy-MM-dd, got '{retrievedText}'");
        }
        var note = Text(root, "note", "", required: kind == PriceSource.NotFromApi);

        var prices = new Dictionary<string, MeterPrice>(StringComparer.Ordinal);
        if (root.Children.TryGetValue(new YamlScalarNode("prices"), out var pricesNode) && pricesNode is YamlMappingNode pm)
        {
            foreach (var (k, v) in pm.Children)
            {
                var key = ((YamlScalarNode)k).Value ?? "";
                if (v is not YamlMappingNode entry)
                {
                    throw new PriceSheetException($"{source}: prices.{key} must be a mapping (price, unit, meterName, meterId, skuName, productName, effectiveStartDate)");
                }
                var where = $"prices.{key}.";
                var priceText = Text(entry, "price", where);
                if (!decimal.TryParse(priceText, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) || price < 0)
                {
                    throw new PriceSheetException($"{source}: {where}price must be a number ≥ 0, got '{priceText}'");
                }
                var unit = Text(entry, "unit", where);
                if (!Meters.Units.Contains(unit))
                {
                    throw new PriceSheetException($"{source}: {where}unit must be one of {string.Join(", ", Meters.Units.Select(u => $"'{u}'"))}, got '{unit}'");
                }
                var fromApi = kind == PriceSource.RetailPricesApi;
                prices[key] = new MeterPrice(key, price, unit,
                    Text(entry, "meterName", where, fromApi), Text(entry, "meterId", where, fromApi), Text(entry, "skuName", where, fromApi),
                    Text(entry, "productName", where, fromApi), Text(entry, "effectiveStartDate", where, fromApi));
            }
        }
        else if (root.Children.ContainsKey(new YamlScalarNode("prices")))
        {
            throw new PriceSheetException($"{source}: prices must be a mapping of meter key -> price entry");
        }

        var missing = new List<MissingMeter>();
        if (root.Children.TryGetValue(new YamlScalarNode("missing"), out var missingNode) && missingNode is YamlSequenceNode ms)
        {
            foreach (var item in ms.Children.OfType<YamlMappingNode>())
            {
                missing.Add(new MissingMeter(Text(item, "key", "missing[]."), Text(item, "description", "missing[].", false), Text(item, "filter", "missing[].", false)));
            }
        }
        return new PriceSheet(stack, currency, kind, retrieved, note, prices, missing);
    }

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

    /// <summary>Writes to a temporary sibling, then renames over the target (a reader never sees half a file).</summary>
    public static void Write(string path, PriceSheet sheet)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Render(sheet), new UTF8Encoding(false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>A double-quoted YAML scalar.</summary>
    private static string S(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
