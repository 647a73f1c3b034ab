namespace FreshFoodz.SchemaConformance.Tests;

public sealed class TypeDescriptorTests
{
    [Theory]
    [InlineData("string")]
    [InlineData("number")]
    [InlineData("boolean")]
    [InlineData("any")]
    [InlineData("archive|asset")]
    [InlineData("enum:dbforpostgresql.StorageAutoGrow|string")]
    [InlineData("array<object:core.v1.Container>")]
    [InlineData("map<array<string>>")]
    [InlineData("number|string")]
    [InlineData("'apps/v1'")]
    [InlineData("'true'|false|-1|3.5")]
    public void ParsesAndPrintsBack(string text) => Assert.Equal(text, TypeDescriptor.Parse(text).ToString());

    [Fact]
    public void ParsesNestedStructure()
    {
        var parsed = TypeDescriptor.Parse("map<array<object:a.B>|string>");

        var map = Assert.IsType<MapDescriptor>(parsed);
        var union = Assert.IsType<UnionDescriptor>(map.Values);
        Assert.Equal(2, union.Alternatives.Count);
        var array = Assert.IsType<ArrayDescriptor>(union.Alternatives[0]);
        Assert.Equal("a.B", Assert.IsType<ObjectDescriptor>(array.Items).Name);
        Assert.Equal(PrimitiveKind.Text, Assert.IsType<PrimitiveDescriptor>(union.Alternatives[1]).Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("strin")]
    [InlineData("array<string")]
    [InlineData("map<>")]
    [InlineData("object:")]
    [InlineData("'open")]
    [InlineData("string|")]
    [InlineData("string>")]
    public void RejectsMalformedText(string text) => Assert.Throws<FormatException>(() => TypeDescriptor.Parse(text));
}
