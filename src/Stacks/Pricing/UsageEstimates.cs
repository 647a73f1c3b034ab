using System.Globalization;
using System.Text.RegularExpressions;
using FreshFoodz.Stacks.Settings;

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

/// <summary>
/// Reads a stack's usage estimates through the one reader of YAML files (<see cref="YamlFile"/>) with the schema
/// <see cref="Kind"/>; no file means no estimates (every volume-billed part listed unpriced).
/// </summary>
public static partial class UsageEstimatesFile
{
    /// <summary>Any quantity: from none to <see cref="UsageEstimates.Maximum"/> (1 PB; more is a typo, not an estimate).</summary>
    public static readonly NumericRange VolumeRange = new("volumes.*.*", 0, (double)UsageEstimates.Maximum, "in the quantity's unit");

    /// <summary>What a usage file is: its stack, the basis of the estimates, and per planned resource its quantities.</summary>
    public static YamlFileKind Kind { get; } = new(
        "usage file", "a usage file is YAML with stack, basis and volumes", 3,
        YamlSchema.Fields(
            new YamlField("stack", YamlSchema.Scalar(StackFileLoader.StackNameRule, StackFileLoader.IsValidStackName)),
            new YamlField("basis", YamlSchema.Text(500)),
            new YamlField("volumes", YamlSchema.Entries(
                YamlSchema.Fields([.. UsageEstimates.Quantities.Select(q => new YamlField(q, YamlSchema.Number(VolumeRange), Required: false))]),
                YamlSchema.Matching(ResourceName(), "a planned resource's name (letters, digits, '.', '_', '-'; at most 128)")))),
        errors => new PriceSheetException(errors));

    public static UsageEstimates Load(string projectDir, string stack) =>
        YamlFile.Load(Kind, UsageEstimates.PathIn(projectDir, stack), UsageEstimates.RelativePath(stack), (root, problems) => Check(root, stack, problems)) is ConfigMap root
            ? From(root)
            : UsageEstimates.None;

    public static UsageEstimates Parse(string source, string stack, string yaml) =>
        From((ConfigMap)YamlFile.Parse(Kind, source, yaml, (root, problems) => Check(root, stack, problems)));

    private static void Check(ConfigNode root, string stack, ProblemList problems)
    {
        var map = (ConfigMap)root;
        var given = ((ConfigScalar)map["stack"]!).Value;
        if (given != stack)
        {
            problems.Add(map["stack"], "stack", $"must be '{stack}', the stack these volumes are of, got {ValueText.Quote(given)}: another stack's file is refused");
        }
    }

    private static UsageEstimates From(ConfigMap root)
    {
        var volumes = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (var (resource, node) in ((ConfigMap)root["volumes"]!).Entries)
        {
            // An empty quantity is no estimate (the schema reads an empty optional value as absent).
            volumes[resource] = ((ConfigMap)node).Entries.Where(e => e.Value is ConfigScalar { Value.Length: > 0 }).ToDictionary(
                e => e.Key, e => decimal.Parse(((ConfigScalar)e.Value).Value, NumberStyles.Float, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        }
        return new UsageEstimates(((ConfigScalar)root["basis"]!).Value, volumes);
    }


    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,127}\z")]
    private static partial Regex ResourceName();
}
