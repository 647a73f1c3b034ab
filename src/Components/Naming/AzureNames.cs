using FreshFoodz.Components.Residency;

namespace FreshFoodz.Components.Naming;

/// <summary>
/// Physical Azure names, set explicitly so they are reviewable and stable. Names that must be globally unique
/// (PostgreSQL servers, storage accounts) use the stack's short name, so a rehearsal never collides with prod.
/// Limits: Microsoft docs, "Naming rules and restrictions for Azure resources".
/// </summary>
public sealed record AzureNames(string Stack, string ShortName)
{
    /// <summary>Resource group, 1–90 characters.</summary>
    public string ResourceGroup(AzureRegion region) => Checked($"rg-freshfoodz-{Stack}-{region.ShortCode}", 90);

    /// <summary>AKS cluster, 1–63 characters.</summary>
    public string Cluster => Checked($"aks-freshfoodz-{Stack}", 63);

    /// <summary>PostgreSQL flexible server: 3–63 lowercase letters, digits and '-', globally unique.</summary>
    public string PostgresServer(string tier, bool replica) => Checked($"psql-ff-{ShortName}-{tier}{(replica ? "-dr" : "")}", 63);

    /// <summary>A restore drill's server: named as a drill, with its kind and day, so no one mistakes it for a tier's server.</summary>
    public string PostgresDrillServer(string tier, string kind, string dateCode) => Checked($"psql-ff-{ShortName}-{tier}-drill-{kind}-{dateCode}", 63);

    /// <summary>Storage account: 3–24 lowercase letters and digits, globally unique.</summary>
    public string StorageAccount(string purpose) => Checked($"stff{ShortName}{purpose}", 24, lettersAndDigitsOnly: true);

    /// <summary>Key Vault: 3–24 letters, digits and '-', starting with a letter, globally unique.</summary>
    public string KeyVault => Checked($"kv-ff-{ShortName}", 24);

    private static string Checked(string name, int max, bool lettersAndDigitsOnly = false)
    {
        if (name.Length > max || (lettersAndDigitsOnly && !name.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ArgumentException($"Azure name '{name}' breaks its limit of {max} characters{(lettersAndDigitsOnly ? " (letters and digits only)" : "")}");
        }
        return name;
    }
}
