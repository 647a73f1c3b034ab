using FreshFoodz.Components.Plan;

namespace FreshFoodz.Components.Tagging;

/// <summary>How sensitive a resource's data is; set per resource as the <c>dataClassification</c> tag.</summary>
public enum DataClassification
{
    Internal,
    Confidential,
    Restricted,
}

/// <summary>The tags every taggable Azure resource carries: territory, season, data classification, cost centre.</summary>
public sealed record StackTags(string Stack, string Territory, string Season, string CostCentre)
{
    public static readonly IReadOnlyList<string> Required = ["territory", "season", "dataClassification", "costCentre"];

    public Props For(DataClassification classification) => new()
    {
        ["territory"] = Territory,
        ["season"] = Season,
        ["dataClassification"] = classification.ToString().ToLowerInvariant(),
        ["costCentre"] = CostCentre,
        ["stack"] = Stack,
        ["managedBy"] = "pulumi",
    };

    /// <summary>Kubernetes labels with the same meaning (label values cannot hold every tag character).</summary>
    public Props Labels() => new()
    {
        ["freshfoodz.io/territory"] = Territory,
        ["freshfoodz.io/stack"] = Stack,
        ["app.kubernetes.io/managed-by"] = "pulumi",
    };
}
