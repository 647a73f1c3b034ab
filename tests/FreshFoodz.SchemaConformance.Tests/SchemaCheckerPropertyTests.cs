using System.Text.Json.Nodes;
using FreshFoodz.Components.Plan;
using FsCheck;
using FsCheck.Fluent;

namespace FreshFoodz.SchemaConformance.Tests;

public sealed class SchemaCheckerPropertyTests
{
    private const string PostgresServer = "azure-native:dbforpostgresql:Server";
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    [Fact]
    public void EverySingleEditMisspellingOfANestedInputIsReportedWithASuggestion()
    {
        var checker = SchemaChecker.FromEmbeddedSchemas();
        var storage = ProviderSchema.LoadEmbedded($"azure-native-{ProviderVersions.AzureNative}.json").Types["dbforpostgresql.StorageArgs"];
        var names = storage.Properties.Keys.ToArray();

        // One insertion, deletion or substitution of a letter in a real property name.
        var misspellings =
            from name in Gen.Elements(names)
            from position in Gen.Choose(0, name.Length - 1)
            from edit in Gen.Choose(0, 2)
            from letter in Gen.Elements(Letters.ToCharArray())
            let typo = edit switch
            {
                0 => name.Insert(position, letter.ToString()),
                1 => name.Remove(position, 1),
                _ => name.Remove(position, 1).Insert(position, letter.ToString()),
            }
            where !names.Contains(typo)
            select typo;

        Prop.ForAll(misspellings.ToArbitrary(), typo =>
        {
            var inputs = new JsonObject { ["resourceGroupName"] = "rg", ["storage"] = new JsonObject { [typo] = 1 } };
            var violations = checker.CheckResource(PostgresServer, inputs);
            return violations.Count == 1
                && violations[0].Kind == ViolationKind.UnknownProperty
                && violations[0].Path == $"storage.{typo}"
                && names.Any(n => violations[0].Message.EndsWith($"(did you mean {n}?)", StringComparison.Ordinal));
        }).QuickCheckThrowOnFailure();
    }
}
