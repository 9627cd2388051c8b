using Mlops.ContractServers;

// `dotnet Mlops.ContractServers.dll SERVER --port N --storage DIR [--user U --password P]`: serves one contract
// server on 127.0.0.1 until stdin closes or the process is stopped, and prints "listening on URL" once it answers, then
// a line per request ("request METHOD PATH LENGTH").
if (args.Length == 0 || !Servers.TryCreate(args[0], Options.Parse(args[1..]), out var server))
{
    Console.Error.WriteLine($"usage: Mlops.ContractServers {string.Join('|', Servers.Names)} --port N --storage DIR [--user U --password P] [--token T] [google: --service-account EMAIL --public-key PEM-FILE --impersonation-target EMAIL]");
    return 2;
}
var options = Options.Parse(args[1..]);
server.RequestLog = TextWriter.Synchronized(Console.Out);
await server.StartAsync(options.Port);
Console.WriteLine($"listening on {server.BaseUri}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
// `kill` (SIGTERM), as eng/demo/environments.sh stops it: stop serving and dispose, so an executing Vertex job's steps end too.
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
await server.DisposeAsync();
return 0;
