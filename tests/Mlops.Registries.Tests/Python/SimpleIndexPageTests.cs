using Mlops.Registries.Python;

namespace Mlops.Registries.Tests.Python;

/// <summary>The two forms of a simple index page our client reads: PEP 691 JSON and PEP 503 HTML.</summary>
public sealed class SimpleIndexPageTests
{
    [Fact]
    public void Reads_files_sha256_and_links_from_PEP_691_JSON()
    {
        const string page = """
            {"meta": {"api-version": "1.0"}, "name": "churn-model", "files": [
              {"filename": "churn_model-1.0.0-py3-none-any.whl", "url": "https://x/churn_model-1.0.0-py3-none-any.whl", "hashes": {"sha256": "ab12"}},
              {"filename": "churn_model-1.0.0.tar.gz", "url": "https://x/churn_model-1.0.0.tar.gz", "hashes": {}}]}
            """;
        Assert.Equal([("churn_model-1.0.0-py3-none-any.whl", "ab12", "https://x/churn_model-1.0.0-py3-none-any.whl"), ("churn_model-1.0.0.tar.gz", null, "https://x/churn_model-1.0.0.tar.gz")],
            SimpleIndexPage.Files(page, SimpleIndexPage.JsonMediaType));
        Assert.Equal(["Churn_Model", "other"],
            SimpleIndexPage.ProjectNames("""{"meta": {"api-version": "1.0"}, "projects": [{"name": "Churn_Model"}, {"name": "other"}]}""", SimpleIndexPage.JsonMediaType));
    }

    [Fact]
    public void Reads_files_sha256_and_links_from_PEP_503_HTML()
    {
        const string page = """
            <html><body>
            <a href="../../files/churn-model/churn_model-1.0.0-py3-none-any.whl#sha256=AB12" data-requires-python="&gt;=3.9">churn_model-1.0.0-py3-none-any.whl</a><br/>
            <a href='https://cdn.example/a%2Bb/churn_model-1.1.0-py3-none-any.whl?x=1'>churn_model-1.1.0-py3-none-any.whl</a>
            </body></html>
            """;
        Assert.Equal([("churn_model-1.0.0-py3-none-any.whl", "ab12", "../../files/churn-model/churn_model-1.0.0-py3-none-any.whl"),
            ("churn_model-1.1.0-py3-none-any.whl", null, "https://cdn.example/a%2Bb/churn_model-1.1.0-py3-none-any.whl?x=1")],
            SimpleIndexPage.Files(page, "text/html"));
    }
}
