using System.Security.Cryptography;
using Mlops.Registries.Local;

namespace Mlops.Packaging.Tests;

/// <summary>A model package published to the local NuGet feed and consumed by a real dotnet build, offline.</summary>
public sealed class NuGetModelPackageRestoreTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_project_referencing_the_package_from_the_local_feed_gets_the_model_and_card_in_its_output()
    {
        var model = await TrainedModel.WritePickleAsync(_temp.File("run"));
        var card = TrainedModel.CardFor(model);
        var package = NuGetModelPackageBuilder.Build(new NuGetModelPackageSpec
        {
            Id = "Contoso.Churn.Model",
            Version = "1.0.0",
            Description = "The churn model.",
            Authors = ["Churn team"],
            ModelPath = model,
            Card = card,
        }, _temp.File("dist"));
        var feed = new LocalNuGetFeed(_temp.File("registries", "nuget"));
        await feed.PushAsync(package.Path);

        var consumer = Directory.CreateDirectory(_temp.File("consumer")).FullName;
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed.Source}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Contoso.Churn.Model" Version="1.0.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Empty.cs"), "namespace Consumer; public static class Empty { }\n");

        (await new Dotnet(_temp.File("nuget-packages")).RunAsync(consumer, ["build", "-nologo", "-tl:false", "-o", Path.Combine(consumer, "out")]))
            .EnsureSuccess();

        var copiedModel = Path.Combine(consumer, "out", "model", "model.pkl");
        Assert.Equal(card.ModelSha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(copiedModel))));
        Assert.Equal(card.ToJson(), File.ReadAllText(Path.Combine(consumer, "out", "model", "model_card.json")));
    }
}
