using Mlops.ContractServers;
using Mlops.ContractServers.Google;

namespace Mlops.Registries.Tests.Google;

/// <summary>The "google" server as the program form builds it: a token, a service account's public key, an impersonation grant.</summary>
public sealed class GoogleTokenServerProgramContractTests
{
    [Fact]
    public async Task The_program_form_takes_the_token_a_service_accounts_public_key_and_an_impersonation_target()
    {
        await using var google = await GoogleAuthFixture.StartAsync();
        var pem = google.Home.File("publisher.pub.pem");
        File.WriteAllText(pem, google.Key.ExportSubjectPublicKeyInfoPem());
        Assert.True(Servers.TryCreate("google", Options.Parse([
            "--token", "ya29.program-token", "--service-account", GoogleAuthFixture.ServiceAccount, "--public-key", pem,
            "--impersonation-target", GoogleAuthFixture.Target]), out var server));
        await using var program = Assert.IsType<GoogleTokenServer>(server);
        await program.StartAsync();
        var json = google.ImpersonatedJson();
        json["service_account_impersonation_url"] = program.ImpersonationUrl(GoogleAuthFixture.Target).ToString();
        json["source_credentials"]!["token_uri"] = program.TokenUrl.ToString();
        google.UseCredentialsFile(json);

        var token = await google.Source().GetAccessTokenAsync();

        Assert.Equal("ya29.program-token", token);
        Assert.Equal(GoogleAuthFixture.Target, program.Issued[^1].Principal);
    }
}
