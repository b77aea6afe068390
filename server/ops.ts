// Operator commands on the data folder: `npm run backup -- DIR` (server may run) and
// `npm run restore -- DIR` (server stopped). DATA_DIR and BACKUP_KEEP as for the server.
import { parseEnv } from "./env";
import { backupDataDir, BackupError, describeSize, restoreDataDir } from "./store/backup";
import { DataDirLockedError } from "./store/data-dir";
import { StoreError } from "./store/json-doc";

const USAGE = "Gebruik: npm run backup -- <map voor back-ups>   of   npm run restore -- <back-up of map met back-ups>";

async function main(argv: readonly string[]): Promise<number> {
  const [command, dir, ...rest] = argv;
  if (!dir || rest.length > 0 || (command !== "backup" && command !== "restore")) {
    console.error(USAGE);
    return 2;
  }
  const env = parseEnv();
  if (command === "backup") {
    const result = await backupDataDir(env.dataDir, dir, { keep: env.BACKUP_KEEP });
    console.log(`Back-up gemaakt: ${result.path} (${result.sessions} sessies, ${result.files} bestanden, ${describeSize(result.bytes)}).`);
    if (result.removed.length) console.log(`Oudere back-ups opgeruimd (bewaard: de laatste ${env.BACKUP_KEEP}): ${result.removed.length}.`);
    return 0;
  }
  const result = await restoreDataDir(dir, env.dataDir);
  console.log(`Hersteld uit ${result.from}: ${result.sessions} sessies staan nu in ${env.dataDir}.`);
  if (result.previous) console.log(`De vorige gegevens staan in ${result.previous}. Verwijder die map zodra alles klopt.`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    const known = error instanceof BackupError || error instanceof StoreError || error instanceof DataDirLockedError;
    console.error(known ? error.message : `Mislukt: ${error.stack ?? error.message}`);
    if (error instanceof DataDirLockedError) console.error("Herstellen kan alleen als de server gestopt is (bijvoorbeeld: systemctl stop alliantiekompas).");
    process.exit(1);
  },
);
