using BenchmarkDotNet.Running;
using Trellis.Bench;

// bench/ tools: micro-benchmarks, plus the pieces bench/load.sh and bench/crash.sh drive.
return args switch
{
    ["micro", .. var rest] => Run(() => BenchmarkSwitcher.FromAssembly(typeof(Seed).Assembly).Run(rest)),
    ["seed", var data, var links, var codes] => await Seed.RunAsync(data, int.Parse(links, System.Globalization.CultureInfo.InvariantCulture), codes),
    ["seed", var data, var links, var codes, var postgres] =>
        await Seed.RunPostgresAsync(postgres, int.Parse(links, System.Globalization.CultureInfo.InvariantCulture), codes),
    ["bare", var urls, var codes] => await BareRedirect.RunAsync(urls, codes),
    ["count", var data] => await ClickCount.RunAsync(data),
    ["count", _, var postgres] => await ClickCount.RunPostgresAsync(postgres),
    ["sales", var url, var key, var count, var connections] =>
        await SalesThroughApi.RunAsync(url, key, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), int.Parse(connections, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Run(Action action)
{
    action();
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Trellis.Bench micro [BenchmarkDotNet args] | seed <dataDir> <links> <codesFile> [postgresConnectionString] | bare <url> <codesFile> | count <dataDir> [postgresConnectionString] | sales <url> <apiKey> <count> <connections>");
    return 2;
}
