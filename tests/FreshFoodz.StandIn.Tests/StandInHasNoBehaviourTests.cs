using System.Reflection;

namespace FreshFoodz.StandIn.Tests;

/// <summary>
/// The stand-in for the Pulumi SDK is compile-only: it must never grow behaviour. These tests fail when a member
/// returns instead of throwing, when a type holds state, or when the stand-in starts depending on a package.
/// </summary>
public sealed class StandInHasNoBehaviourTests
{
    // No member is exempt from throwing. Every constructor the compiler would otherwise generate (the protected ones of
    // abstract classes, the public ones of option and argument classes) is declared in the source with a throwing
    // body, and the stand-in has no auto-properties, records, lambdas or iterators that would bring compiler-generated
    // members with bodies of their own. Should one ever be needed, list it here with the reason.
    private static readonly Dictionary<string, string> ExemptMembers = new(StringComparer.Ordinal);

    // The only fields the stand-in may declare: the real SDK exposes these as public static readonly fields, and
    // a field cannot throw. Each is never assigned; its type initializer throws the stand-in's exception instead.
    private static readonly string[] MirroredFields = ["Pulumi.ResourceArgs.Empty", "Pulumi.InvokeArgs.Empty"];

    public static TheoryData<string> MembersWithBodies()
        => new(StandInAssembly.MembersWithBodies.Keys.Where(k => !ExemptMembers.ContainsKey(k)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(MembersWithBodies))]
    public void EveryMemberThrowsTheStandInException(string member)
    {
        var thrown = StandInAssembly.Run(StandInAssembly.MembersWithBodies[member]);

        Assert.True(thrown is not null, $"{member} returned normally: the stand-in must only throw, never behave.");
        Assert.True(
            thrown.GetType() == typeof(NotSupportedException) && thrown.Message == StandInAssembly.Message,
            $"{member} threw {thrown.GetType().Name}: \"{thrown.Message}\"; expected NotSupportedException with the "
            + "stand-in message (throw new NotSupportedException(StandIn.Message)).");
    }

    [Fact]
    public void MemberEnumerationReachesEveryKindOfMember()
    {
        // Guards the theory above against passing vacuously: it must see constructors (public, protected, private),
        // type initializers, accessors, operators, explicit interface implementations and non-public overrides.
        var keys = StandInAssembly.MembersWithBodies.Keys.ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "Pulumi.Config::.ctor(System.String)",
            "Pulumi.ResourceOptions::.ctor()",
            "Pulumi.Output`1::.ctor()",
            "Pulumi.ResourceArgs::.cctor()",
            "Pulumi.Config::Require(System.String)",
            "Pulumi.ResourceOptions::set_Parent(Pulumi.Resource)",
            "Pulumi.InputMap`1::set_Item(System.String, Pulumi.Input`1[TValue])",
            "Pulumi.Input`1::op_Implicit(T)",
            "Pulumi.InputList`1::System.Collections.IEnumerable.GetEnumerator()",
            "Pulumi.CustomResourceOptions::Clone()",
            "Pulumi.ResourceArgs::ValidateMember(System.Type, System.String)",
            "Pulumi.Output::Tuple`2(Pulumi.Input`1[T1], Pulumi.Input`1[T2])",
        ];

        Assert.All(expected, k => Assert.Contains(k, keys));
        Assert.True(keys.Count > 200, $"Only {keys.Count} members with bodies were found.");
    }

    [Fact]
    public void NoTypeHoldsState()
    {
        // The rule: no type declares a field, except compile-time constants (literals hold no state; the one is
        // StandIn.Message) and the mirrored static readonly fields above. Auto-properties are not allowed either:
        // their backing fields fail this test, as do the fields of closures and state machines.
        var offending = StandInAssembly.Types
            .SelectMany(t => t.GetFields(StandInAssembly.Declared))
            .Where(f => !f.IsLiteral && !MirroredFields.Contains($"{f.DeclaringType!.FullName}.{f.Name}"))
            .Select(f => $"{f.DeclaringType!.FullName}.{f.Name}")
            .ToList();

        Assert.True(offending.Count == 0, "The stand-in must hold no state; fields found: " + string.Join(", ", offending));
    }

    [Fact]
    public void MirroredFieldsAreStaticReadonlyAndUnreadable()
    {
        foreach (var name in MirroredFields)
        {
            var split = name.LastIndexOf('.');
            var field = StandInAssembly.Assembly.GetType(name[..split], throwOnError: true)!
                .GetField(name[(split + 1)..], BindingFlags.Public | BindingFlags.Static);

            Assert.True(field is { IsStatic: true, IsInitOnly: true, IsPublic: true }, $"{name} must be public static readonly.");
            var thrown = Assert.ThrowsAny<Exception>(() => field!.GetValue(null));
            var inner = StandInAssembly.Unwrap(thrown);
            Assert.IsType<NotSupportedException>(inner);
            Assert.Equal(StandInAssembly.Message, inner.Message);
        }
    }

    [Fact]
    public void InterfacesDeclareNoBodies()
    {
        // Default interface methods would be behaviour the other tests cannot reach.
        var withBodies = StandInAssembly.Types
            .Where(t => t.IsInterface)
            .SelectMany(t => t.GetMethods(StandInAssembly.Declared))
            .Where(m => !m.IsAbstract)
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .ToList();

        Assert.True(withBodies.Count == 0, "Interface members with bodies: " + string.Join(", ", withBodies));
    }

    [Fact]
    public void TheMessageSaysWhatItIsAndWhatToDo()
    {
        Assert.Contains("compile-only stand-in", StandInAssembly.Message, StringComparison.Ordinal);
        Assert.Contains("3.112.1", StandInAssembly.Message, StringComparison.Ordinal);
        Assert.Contains("Restore the real 'Pulumi' NuGet package", StandInAssembly.Message, StringComparison.Ordinal);
    }
}
