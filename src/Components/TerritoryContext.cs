using FreshFoodz.Components.Naming;
using FreshFoodz.Components.Residency;
using FreshFoodz.Components.Tagging;

namespace FreshFoodz.Components;

/// <summary>What every component of a territory stack shares: names, tags and the two in-country regions.</summary>
public sealed record TerritoryContext(Territory Territory, AzureRegion Primary, AzureNames Names, StackTags Tags)
{
    /// <summary>The in-country paired region that holds DR copies.</summary>
    public AzureRegion DisasterRecovery => Territory.DisasterRecovery;
}
