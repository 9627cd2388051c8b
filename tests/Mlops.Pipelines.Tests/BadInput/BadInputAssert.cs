using Mlops.Pipelines.Diagnostics;

namespace Mlops.Pipelines.Tests.BadInput;

/// <summary>
/// What every row of the bad-input corpus asserts about what the user sees: one error with the exact code, a message
/// that says what to change, the place (file, and line when there is one), and no stack trace or exception type.
/// </summary>
internal static class BadInputAssert
{
    public static Diagnostic Rejected(Action load, string code, string instruction, string file, int line)
    {
        var exception = Assert.Throws<PipelineException>(load);
        var diagnostic = Assert.Single(exception.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(instruction, diagnostic.Message);
        Assert.Equal(file, diagnostic.Location?.File);
        if (line > 0)
        {
            Assert.Equal(line, diagnostic.Location?.Line);
        }
        NoStackTrace(exception.Message);
        return diagnostic;
    }

    /// <summary>No "   at Frame" line and no .NET exception type name in text meant for the user.</summary>
    public static void NoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotMatch(@"\b[A-Z]\w*(Exception|Error)\b", text);
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("YamlDotNet", text);
    }
}
