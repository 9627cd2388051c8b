using System.Net.Http.Headers;

namespace Mlops.Registries.Python;

/// <summary>
/// The multipart form of the legacy upload API in the order twine sends it: <c>:action</c>, <c>protocol_version</c>,
/// the metadata, <c>pyversion</c>, <c>filetype</c>, <c>sha256_digest</c>, then the file as <c>content</c>. The file
/// part streams from disk and every part has a length, so the request has a Content-Length and nothing is buffered.
/// </summary>
internal static class UploadForm
{
    public static MultipartFormDataContent Create(WheelMetadata metadata, string sha256, Stream file)
    {
        var form = new MultipartFormDataContent();
        Add(form, ":action", "file_upload");
        Add(form, "protocol_version", "1");
        foreach (var (name, value) in metadata.Fields)
        {
            Add(form, name, value);
        }
        Add(form, "pyversion", metadata.FileName.PythonTag);
        Add(form, "filetype", "bdist_wheel");
        Add(form, "sha256_digest", sha256);
        var content = new StreamContent(file, 81920);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "content", metadata.FileName.ToString());
        return form;
    }

    private static void Add(MultipartFormDataContent form, string name, string value)
    {
        var part = new StringContent(value);
        // twine sends plain fields without a content type; some servers read a typed part as a file.
        part.Headers.ContentType = null;
        form.Add(part, name);
    }
}
