using System.Globalization;
using System.Text.Json;
using FreshFoodz.Stacks.Pricing;
using FreshFoodz.Stacks.Settings;
using FreshFoodz.Stacks.Sources;
using FsCheck;
using FsCheck.Fluent;

namespace FreshFoodz.Stacks.Tests;

/// <summary>
/// The one reader (<see cref="YamlFile"/>) and the kinds it reads, over random input (FsCheck): whatever a price
/// sheet or usage file holds, the only exception that leaves the reader is the kind's own, with the file named, on
/// one line; what it accepts is what the schema says (numbers culture-free and ranged, text printable); and the
/// policy for outside servers lets the tool go only where the server given is.
/// </summary>
public class ReaderProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly string Sheet = File.ReadAllText(PriceSheet.PathIn(ProjectFiles.Root, "de-prod"));

    private const string Usage = "stack: de-prod\nbasis: \"Cost Management, November 2026\"\nvolumes:\n  secrets-vault:\n    operationsPerMonth: 5000\n";

    /// <summary>Characters that broke readers before: every one the reader refuses, and YAML's own punctuation.</summary>
    private static readonly char[] Awkward = ['\0', '\a', '\b', '\t', '\n', '\v', '\f', '\r', '\u001b', '\u007f', '\u0085', '\u009b', '\u200b', '\u200e', '\u202a', '\u202e', '\u2066', '\u2069', '\u2028', '\u2029', '\ufeff', '\ufffe', '\ud800', ':', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '{', '}', '[', ']', ',', '-', '?'];

    private static Gen<string> Text() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
            Gen.Elements(Awkward).ArrayOf().Select(c => new string(c)),
            Gen.Zip(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null), Gen.Elements(Awkward)).Select(p => p.Item1 + p.Item2));

    /// <summary>A line of a file replaced by random text (or text inserted, or the file cut): any of them may be valid YAML or not.</summary>
    private static Gen<string> Mutated(string text) =>
        from at in Gen.Choose(0, text.Length)
        from piece in Text()
        from how in Gen.Choose(0, 2)
        select how switch
        {
            0 => text.Insert(at, piece),
            1 => text[..at],
            _ => string.Concat(text.AsSpan(0, at), piece, text.AsSpan(Math.Min(text.Length, at + piece.Length))),
        };

    /// <summary>Reads <paramref name="read"/>; true if it succeeds or fails with a price-sheet error naming the file on one line each.</summary>
    private static bool OnlyOwnErrors(Action read, string file)
    {
        try
        {
            read();
            return true;
        }
        catch (PriceSheetException e)
        {
            return e.Errors.Count > 0 && e.Errors.All(x => x.Source == file && !x.ToString().Any(c => Printable.Refuses(c) && !char.IsSurrogate(c)));
        }
    }

    [Fact]
    public void AMutatedPriceSheetIsReadOrRefusedWithTheFileNamed() =>
        Prop.ForAll(Mutated(Sheet).ToArbitrary(), yaml => OnlyOwnErrors(() => PriceSheetFile.Parse("s.yaml", "de-prod", yaml), "s.yaml")).Check(Runs);

    [Fact]
    public void AMutatedUsageFileIsReadOrRefusedWithTheFileNamed() =>
        Prop.ForAll(Mutated(Usage).ToArbitrary(), yaml => OnlyOwnErrors(() => UsageEstimatesFile.Parse("u.yaml", "de-prod", yaml), "u.yaml")).Check(Runs);

    /// <summary>Nesting of any depth is refused past 32 levels without recursion (a stack overflow would end the test run).</summary>
    [Fact]
    public void NestingOfAnyDepthIsBounded() =>
        Prop.ForAll(Gen.Choose(33, 60_000).ToArbitrary(), Gen.Elements("[", "{a: ").ToArbitrary(), (depth, open) =>
        {
            var close = open == "[" ? "]" : "}";
            var yaml = Sheet + "extra: " + string.Concat(Enumerable.Repeat(open, depth)) + (open == "[" ? "" : "b") + string.Concat(Enumerable.Repeat(close, depth)) + "\n";
            var e = Assert.Throws<PriceSheetException>(() => PriceSheetFile.Parse("s.yaml", "de-prod", yaml));
            return e.Message.Contains("nested more than 32 levels deep", StringComparison.Ordinal);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));

    /// <summary>A price is read as the number it says, culture-free, or refused: a decimal comma or a grouping is never read as another number.</summary>
    [Fact]
    public void APriceIsTheNumberItSaysOrRefused() =>
        Prop.ForAll(ArbMap.Default.GeneratorFor<decimal>().ToArbitrary(), Gen.Elements(".", ",", "٫", " ").ToArbitrary(), (price, separator) =>
        {
            var text = Math.Abs(price).ToString("0.######", CultureInfo.InvariantCulture).Replace(".", separator, StringComparison.Ordinal);
            var yaml = Sheet.Replace("price: 0.12\n", $"price: \"{text}\"\n", StringComparison.Ordinal);
            try
            {
                var read = PriceSheetFile.Parse("s.yaml", "de-prod", yaml).Prices["vm:germanywestcentral:Standard_D2ds_v5"].Price;
                return read == decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) && read <= 1000 && (separator == "." || !text.Contains(separator, StringComparison.Ordinal));
            }
            catch (PriceSheetException e)
            {
                return e.Message.Contains("prices.vm:germanywestcentral:Standard_D2ds_v5.price: must be a number from 0 to 1000", StringComparison.Ordinal);
            }
        }).Check(Runs);

    /// <summary>Any text value with a character the reader refuses is refused, naming the line and key, whichever value it is.</summary>
    [Fact]
    public void ATextValueWithAControlOrFormattingCharacterIsRefused()
    {
        var refused = Awkward.Where(c => Printable.Refuses(c) && !char.IsSurrogate(c)).ToArray();
        Prop.ForAll(Gen.Elements("meterName", "meterId", "skuName", "productName").ToArbitrary(), Gen.Elements(refused).ToArbitrary(), (key, ch) =>
        {
            var escaped = $"\\u{(int)ch:X4}";
            var yaml = Sheet.Replace($"    {key}: \"\"\n", $"    {key}: \"x{escaped}y\"\n", StringComparison.Ordinal);
            var e = Assert.Throws<PriceSheetException>(() => PriceSheetFile.Parse("s.yaml", "de-prod", yaml));
            return e.Errors.Count == 1 && e.Errors[0].Line is > 0 && e.Errors[0].KeyPath.EndsWith($".{key}", StringComparison.Ordinal)
                && e.Message.Contains($"got {ValueText.Quote($"x{ch}y")}", StringComparison.Ordinal);
        }).Check(Runs);
    }

    /// <summary>A rendered sheet reads back equal, whatever text the API sent (printable) — or, with a refused character, is refused whole.</summary>
    [Fact]
    public void ARenderedSheetReadsBackOrIsRefused()
    {
        var sheet = PriceSheetFile.Parse("s.yaml", "de-prod", Sheet);
        Prop.ForAll(Text().Where(t => t.Length <= 200).ToArbitrary(), name =>
        {
            var changed = sheet with
            {
                Prices = sheet.Prices.ToDictionary(p => p.Key, p => p.Value with { MeterName = name }),
            };
            try
            {
                var again = PriceSheetFile.Parse("s.yaml", "de-prod", PriceSheetFile.Render(changed));
                return Printable.Forbidden(name) is null && again.Prices.Values.All(p => p.MeterName == name);
            }
            catch (PriceSheetException)
            {
                return Printable.Forbidden(name) is not null;
            }
        }).Check(Runs);
    }

    /// <summary>The server policy: a link is followed only on the host given, over http(s), in its scheme and port or upgraded to https.</summary>
    [Fact]
    public void OnlyTheServerGivenIsFollowed()
    {
        var origin = new Uri("http://prices.example:8080/api/retail/prices");
        var policy = new ServerPolicy(origin, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1024);
        var hosts = Gen.Elements("prices.example", "PRICES.example", "prices.example.evil", "evil.example", "127.0.0.1", "xn--prces-jua.example");
        var schemes = Gen.Elements("http", "https", "ftp", "file", "gopher");
        var ports = Gen.Elements(8080, 80, 443, 8443);
        Prop.ForAll(hosts.ToArbitrary(), schemes.ToArbitrary(), ports.ToArbitrary(), (host, scheme, port) =>
        {
            if (!Uri.TryCreate($"{scheme}://{host}:{port}/next?page=2", UriKind.Absolute, out var url))
            {
                return true; // no URL at all (file: takes no port): nothing to follow
            }
            var allowed = policy.Refusal(url) is null;
            var sameHost = string.Equals(host, "prices.example", StringComparison.OrdinalIgnoreCase);
            var expected = sameHost && ((scheme == "http" && port == 8080) || (scheme == "https" && port == 443));
            return allowed == expected;
        }).Check(Runs);
    }

    /// <summary>What the reader refuses in a value it refuses in a key too, and a blank key is no key.</summary>
    [Fact]
    public void KeysArePrintableAndNeverBlank() =>
        Prop.ForAll(Gen.OneOf(Gen.Elements(Awkward.Where(c => Printable.Refuses(c) && !char.IsSurrogate(c)).ToArray()).Select(c => $"k{c}"), Gen.Elements("", " ", "\u3000")).ToArbitrary(), key =>
        {
            var yaml = Usage.Replace("  secrets-vault:", $"  {JsonSerializer.Serialize(key)}:", StringComparison.Ordinal);
            var e = Assert.Throws<PriceSheetException>(() => UsageEstimatesFile.Parse("u.yaml", "de-prod", yaml));
            return e.Message.Contains("is not printable text", StringComparison.Ordinal) || e.Message.Contains("a blank key", StringComparison.Ordinal);
        }).Check(Runs);
}
