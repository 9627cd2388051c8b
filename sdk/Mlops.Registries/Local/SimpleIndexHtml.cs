using System.Net;
using System.Text;

namespace Mlops.Registries.Local;

/// <summary>The pages of a PEP 503 "simple" repository, which pip reads as <c>index.html</c> from a <c>file://</c> index.</summary>
internal static class SimpleIndexHtml
{
    public static string Root(IEnumerable<string> projects)
    {
        var body = new StringBuilder();
        foreach (var project in projects)
        {
            body.Append($"    <a href=\"{Uri.EscapeDataString(project)}/\">{WebUtility.HtmlEncode(project)}</a><br/>\n");
        }
        return Page("Simple index", "", body.ToString());
    }

    public static string Project(string project, IEnumerable<PythonPackageFile> files)
    {
        var body = new StringBuilder();
        foreach (var file in files)
        {
            body.Append($"    <a href=\"{Uri.EscapeDataString(file.FileName)}#sha256={file.Sha256}\">{WebUtility.HtmlEncode(file.FileName)}</a><br/>\n");
        }
        var title = $"Links for {WebUtility.HtmlEncode(project)}";
        return Page(title, $"    <h1>{title}</h1>\n", body.ToString());
    }

    private static string Page(string title, string heading, string links) =>
        "<!DOCTYPE html>\n" +
        "<html>\n" +
        "  <head>\n" +
        "    <meta name=\"pypi:repository-version\" content=\"1.0\">\n" +
        $"    <title>{title}</title>\n" +
        "  </head>\n" +
        "  <body>\n" +
        heading +
        links +
        "  </body>\n" +
        "</html>\n";
}
