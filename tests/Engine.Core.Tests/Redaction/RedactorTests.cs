using Converge.Core.Secrets;

namespace Converge.Core.Tests.Redaction;

public sealed class RedactorTests
{
    [Fact]
    public void Reveals_is_true_exactly_when_Redact_would_change_the_text()
    {
        var redactor = new Redactor();
        redactor.Register(new Secret("hunter2"));
        redactor.Register(new Secret("ab"));

        string[] texts = ["echo hunter2 > /dev/null", "echo hunter > /dev/null", "echo ab", string.Empty];

        // "ab" is under three characters: never registered, so neither redacted nor revealed.
        Assert.Equal([true, false, false, false], texts.Select(redactor.Reveals));
        Assert.All(texts, t => Assert.Equal(redactor.Redact(t) != t, redactor.Reveals(t)));
        Assert.False(new Redactor().Reveals("hunter2"));
    }
}
