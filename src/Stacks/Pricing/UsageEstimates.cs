using System.Globalization;
using FreshFoodz.Stacks.Settings;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FreshFoodz.Stacks.Pricing;

/// <summary>
/// Volumes the plan cannot know (GB ingested, stored, processed; vault operations), per planned resource, from a
/// reviewed file <c>prices/&lt;stack&gt;.usage.yaml</c> that people keep (from Cost Management or the services'
/// metrics). A volume-billed part with no estimate is listed unpriced, naming the file and key to set.
/// </summary>
public sealed record UsageEstimates(string Basis, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> Volumes)
{
    public static readonly UsageEstimates None = new("", new Dictionary<string, IReadOnlyDictionary<string, decimal>>());

    /// <summary>Log Analytics GB ingested per day.</summary>
    public const string IngestionGbPerDay = "ingestionGbPerDay";

    /// <summary>GB kept in a storage account.</summary>
    public const string StoredGb = "storedGb";

    /// <summary>GB a month the cluster's egress load balancer processes (the cluster's outbound traffic).</summary>
    public const string ProcessedGbPerMonth = "processedGbPerMonth";

    /// <summary>GB per month through a private endpoint into the service, and out of it.</summary>
    public const string IngressGbPerMonth = "ingressGbPerMonth";

    public const string EgressGbPerMonth = "egressGbPerMonth";

    /// <summary>GB a month a peering sends to the remote network (billed once out of its zone and once into the other's).</summary>
    public const string SentGbPerMonth = "sentGbPerMonth";

    /// <summary>Key Vault operations per month (secret reads by the CSI driver's rotation polls, deployments).</summary>
    public const string OperationsPerMonth = "operationsPerMonth";

    /// <summary>Every quantity name; the cost model says which a resource type takes.</summary>
    public static IReadOnlyList<string> Quantities { get; } =
        [IngestionGbPerDay, StoredGb, ProcessedGbPerMonth, IngressGbPerMonth, EgressGbPerMonth, SentGbPerMonth, OperationsPerMonth];

    /// <summary>A volume far beyond anything this platform moves (1 PB): a typo, not an estimate.</summary>
    public const decimal Maximum = 1_000_000_000m;

    public static string RelativePath(string stack) => $"{PriceSheet.Folder}/{stack}.usage.yaml";

    public static string PathIn(string projectDir, string stack) => Path.Combine(projectDir, PriceSheet.Folder, $"{stack}.usage.yaml");

    public decimal? Of(string resource, string quantity) =>
        Volumes.TryGetValue(resource, out var q) && q.TryGetValue(quantity, out var v) ? v : null;
}

/// <summary>Reads a stack's usage estimates; no file means no estimates (every volume-billed part listed unpriced).</summary>
public static class UsageEstimatesFile
{
    public static UsageEstimates Load(string projectDir, string stack)
    {
        var source = UsageEstimates.RelativePath(stack);
        var text = BoundedFile.ReadText(UsageEstimates.PathIn(projectDir, stack), "usage file", "a usage file is YAML with stack, basis and volumes",
            message => new PriceSheetException($"{source}: {message}"));
        return text is null ? UsageEstimates.None : Parse(source, stack, text);
    }

    public static UsageEstimates Parse(string source, string stack, string yaml)
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
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PriceSheetException($"{source}: a usage file is one mapping with stack, basis and volumes");
        }
        foreach (var key in root.Children.Keys.Select(k => (k as YamlScalarNode)?.Value))
        {
            if (key is not ("stack" or "basis" or "volumes"))
            {
                throw new PriceSheetException($"{source}: unknown key '{key}'; allowed: stack, basis, volumes");
            }
        }
        string Text(string key) =>
            root.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode { Value: { Length: > 0 } v }
                ? v
                : throw new PriceSheetException($"{source}: {key} is missing (a text value is required)");
        if (Text("stack") != stack)
        {
            throw new PriceSheetException($"{source}: stack must be '{stack}', got '{Text("stack")}'");
        }
        var basis = Text("basis");
        var volumes = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal);
        if (!root.Children.TryGetValue(new YamlScalarNode("volumes"), out var volumesNode) || volumesNode is not YamlMappingNode vm)
        {
            throw new PriceSheetException($"{source}: volumes must be a mapping of planned resource -> {{quantity: number}}");
        }
        foreach (var (k, v) in vm.Children)
        {
            var resource = (k as YamlScalarNode)?.Value ?? "";
            if (v is not YamlMappingNode quantities)
            {
                throw new PriceSheetException($"{source}: volumes.{resource} must be a mapping of quantity -> number ({string.Join(", ", UsageEstimates.Quantities)})");
            }
            var q = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var (qk, qv) in quantities.Children)
            {
                var name = (qk as YamlScalarNode)?.Value ?? "";
                var where = $"volumes.{resource}.{name}";
                if (!UsageEstimates.Quantities.Contains(name))
                {
                    throw new PriceSheetException($"{source}: {where} is not a quantity; allowed: {string.Join(", ", UsageEstimates.Quantities)}");
                }
                var text = (qv as YamlScalarNode)?.Value ?? "";
                if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number > UsageEstimates.Maximum)
                {
                    throw new PriceSheetException($"{source}: {where} must be a number from 0 to {UsageEstimates.Maximum:0}, got '{Cut(text)}'");
                }
                q[name] = number;
            }
            volumes[resource] = q;
        }
        return new UsageEstimates(basis, volumes);
    }

    private static string Cut(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
