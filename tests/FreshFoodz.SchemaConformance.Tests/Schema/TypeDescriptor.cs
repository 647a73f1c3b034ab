using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FreshFoodz.SchemaConformance;

/// <summary>
/// A property type from the provider schema extract. Written there as a compact string, e.g.
/// <c>enum:dbforpostgresql.StorageAutoGrow|string</c> or <c>array&lt;object:core.v1.Container&gt;</c>; the grammar is
/// documented in tools/provider-schemas/README.md. <see cref="ToString"/> gives that string back.
/// </summary>
public abstract record TypeDescriptor
{
    /// <summary>Parses a descriptor string; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static TypeDescriptor Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var result = parser.ParseUnion();
        parser.ExpectEnd();
        return result;
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public TypeDescriptor ParseUnion()
        {
            var alternatives = new List<TypeDescriptor> { ParseAlternative() };
            while (_pos < text.Length && text[_pos] == '|')
            {
                _pos++;
                alternatives.Add(ParseAlternative());
            }
            return alternatives.Count == 1 ? alternatives[0] : new UnionDescriptor(alternatives);
        }

        public void ExpectEnd()
        {
            if (_pos != text.Length)
            {
                throw Error("unexpected text");
            }
        }

        private TypeDescriptor ParseAlternative()
        {
            if (_pos >= text.Length)
            {
                throw Error("descriptor expected");
            }
            if (text[_pos] == '\'')
            {
                var end = text.IndexOf('\'', _pos + 1);
                if (end < 0)
                {
                    throw Error("unterminated string literal");
                }
                var value = text[(_pos + 1)..end];
                _pos = end + 1;
                return new LiteralDescriptor(JsonValue.Create(value));
            }
            if (text[_pos] == '-' || char.IsAsciiDigit(text[_pos]))
            {
                var start = _pos;
                while (_pos < text.Length && (char.IsAsciiDigit(text[_pos]) || text[_pos] is '-' or '+' or '.' or 'e' or 'E'))
                {
                    _pos++;
                }
                if (!double.TryParse(text[start.._pos], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw Error("malformed number literal");
                }
                return new LiteralDescriptor(JsonValue.Create(number));
            }
            var word = ReadWhile(char.IsAsciiLetter);
            switch (word)
            {
                case "string": return new PrimitiveDescriptor(PrimitiveKind.Text);
                case "number": return new PrimitiveDescriptor(PrimitiveKind.Number);
                case "boolean": return new PrimitiveDescriptor(PrimitiveKind.Flag);
                case "any": return new PrimitiveDescriptor(PrimitiveKind.Anything);
                case "asset": return new PrimitiveDescriptor(PrimitiveKind.Asset);
                case "archive": return new PrimitiveDescriptor(PrimitiveKind.Archive);
                case "true": return new LiteralDescriptor(JsonValue.Create(true));
                case "false": return new LiteralDescriptor(JsonValue.Create(false));
                case "array":
                case "map":
                    Expect('<');
                    var inner = ParseUnion();
                    Expect('>');
                    return word == "array" ? new ArrayDescriptor(inner) : new MapDescriptor(inner);
                case "object":
                    Expect(':');
                    return new ObjectDescriptor(ReadName());
                case "enum":
                    Expect(':');
                    return new EnumDescriptor(ReadName());
                default:
                    throw Error($"unknown descriptor '{word}'");
            }
        }

        private string ReadName()
        {
            var name = ReadWhile(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_');
            return name.Length > 0 ? name : throw Error("type name expected");
        }

        private string ReadWhile(Func<char, bool> predicate)
        {
            var start = _pos;
            while (_pos < text.Length && predicate(text[_pos]))
            {
                _pos++;
            }
            return text[start.._pos];
        }

        private void Expect(char c)
        {
            if (_pos >= text.Length || text[_pos] != c)
            {
                throw Error($"'{c}' expected");
            }
            _pos++;
        }

        private FormatException Error(string what) => new($"{what} at position {_pos} of descriptor \"{text}\"");
    }
}

/// <summary>Kinds of plain values. Named to avoid CA1720 (type names as identifiers).</summary>
public enum PrimitiveKind
{
    /// <summary><c>string</c>.</summary>
    Text,

    /// <summary><c>number</c> (the .d.ts files do not tell integers apart).</summary>
    Number,

    /// <summary><c>boolean</c>.</summary>
    Flag,

    /// <summary><c>any</c>: every JSON value.</summary>
    Anything,

    /// <summary><c>asset</c>: a Pulumi asset, not checkable here.</summary>
    Asset,

    /// <summary><c>archive</c>: a Pulumi archive, not checkable here.</summary>
    Archive,
}

/// <summary>A plain value kind.</summary>
public sealed record PrimitiveDescriptor(PrimitiveKind Kind) : TypeDescriptor
{
    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        PrimitiveKind.Text => "string",
        PrimitiveKind.Number => "number",
        PrimitiveKind.Flag => "boolean",
        PrimitiveKind.Anything => "any",
        PrimitiveKind.Asset => "asset",
        _ => "archive",
    };
}

/// <summary>One fixed value, e.g. a Kubernetes <c>apiVersion</c>.</summary>
public sealed record LiteralDescriptor(JsonValue Value) : TypeDescriptor
{
    /// <inheritdoc/>
    public override string ToString() => Value.TryGetValue<string>(out var s) ? $"'{s}'" : Value.ToJsonString();
}

/// <summary>A JSON array whose items all match <see cref="Items"/>.</summary>
public sealed record ArrayDescriptor(TypeDescriptor Items) : TypeDescriptor
{
    /// <inheritdoc/>
    public override string ToString() => $"array<{Items}>";
}

/// <summary>A JSON object with free keys whose values all match <see cref="Values"/>.</summary>
public sealed record MapDescriptor(TypeDescriptor Values) : TypeDescriptor
{
    /// <inheritdoc/>
    public override string ToString() => $"map<{Values}>";
}

/// <summary>A JSON object described by the extract's <c>types[Name]</c>.</summary>
public sealed record ObjectDescriptor(string Name) : TypeDescriptor
{
    /// <inheritdoc/>
    public override string ToString() => $"object:{Name}";
}

/// <summary>One of the values listed in the extract's <c>enums[Name]</c>.</summary>
public sealed record EnumDescriptor(string Name) : TypeDescriptor
{
    /// <inheritdoc/>
    public override string ToString() => $"enum:{Name}";
}

/// <summary>Any of several descriptors.</summary>
public sealed record UnionDescriptor(IReadOnlyList<TypeDescriptor> Alternatives) : TypeDescriptor
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var alternative in Alternatives)
        {
            if (sb.Length > 0)
            {
                sb.Append('|');
            }
            sb.Append(alternative);
        }
        return sb.ToString();
    }
}
