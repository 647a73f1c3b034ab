using System.Reflection;

namespace FreshFoodz.Tools.StandInApiDump;

/// <summary>
/// The nullable annotations the C# compiler wrote for one type as it appears in a signature: the bytes of its
/// NullableAttribute (one for every type, value types included, in a depth-first walk of the type), or,
/// without one, the default of the nearest NullableContextAttribute on the member or its enclosing types.
/// 0 is oblivious, 1 not annotated, 2 annotated. Read from attribute data by name, as the compiler embeds these
/// attribute types in each assembly.
/// </summary>
public sealed class NullableFlags
{
    public const byte Annotated = 2;

    private readonly byte[] _flags;
    private readonly byte _default;
    private int _position;

    private NullableFlags(byte[] flags, byte fallback)
    {
        _flags = flags;
        _default = fallback;
    }

    public static NullableFlags For(ICustomAttributeProvider target, MemberInfo context)
    {
        var attributes = target switch
        {
            ParameterInfo parameter => parameter.CustomAttributes,
            MemberInfo member => member.CustomAttributes,
            _ => [],
        };
        var nullable = attributes.FirstOrDefault(
            a => a.AttributeType.FullName == "System.Runtime.CompilerServices.NullableAttribute");
        if (nullable is not null)
        {
            var argument = nullable.ConstructorArguments[0];
            return argument.Value is byte single
                ? new NullableFlags([], single)
                : new NullableFlags(
                    ((IEnumerable<CustomAttributeTypedArgument>)argument.Value!).Select(v => (byte)v.Value!).ToArray(), 0);
        }

        for (MemberInfo? scope = context; scope is not null; scope = scope.DeclaringType)
        {
            var contextAttribute = scope.CustomAttributes.FirstOrDefault(
                a => a.AttributeType.FullName == "System.Runtime.CompilerServices.NullableContextAttribute");
            if (contextAttribute is not null)
            {
                return new NullableFlags([], (byte)contextAttribute.ConstructorArguments[0].Value!);
            }
        }

        return new NullableFlags([], 0);
    }

    public byte Next() => _position < _flags.Length ? _flags[_position++] : _default;
}
