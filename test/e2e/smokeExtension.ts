// A throwaway extension, written into a folder by the smoke test, that proves
// the harness: an inline completion provider with a fixed suggestion, a status
// bar item, an output channel and a command.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Two lines, to exercise multi-line ghost text. */
export const SMOKE_COMPLETION = 'from the smoke extension\nand a second line';
export const SMOKE_STATUS = 'Smoke: ready';
export const SMOKE_CHANNEL = 'Smoke';
export const SMOKE_COMMAND_TITLE = 'Smoke: Say Hello';

const manifest = {
  name: 'smoke',
  publisher: 'hearth-e2e',
  version: '0.0.1',
  engines: { vscode: '^1.100.0' },
  activationEvents: ['onStartupFinished'],
  main: './extension.js',
  contributes: {
    commands: [{ command: 'smoke.sayHello', title: 'Say Hello', category: 'Smoke' }],
  },
};

const source = `
const vscode = require('vscode');

exports.activate = function (context) {
  const channel = vscode.window.createOutputChannel(${JSON.stringify(SMOKE_CHANNEL)});
  context.subscriptions.push(channel);
  channel.appendLine('activated');

  context.subscriptions.push(
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, {
      provideInlineCompletionItems(document, position) {
        channel.appendLine('completion requested at ' + position.line + ':' + position.character);
        // Offer it only after "smoke: ", so an accepted completion is not offered again.
        if (!document.lineAt(position.line).text.slice(0, position.character).endsWith('smoke: ')) return [];
        return [new vscode.InlineCompletionItem(${JSON.stringify(SMOKE_COMPLETION)}, new vscode.Range(position, position))];
      },
    }),
  );

  const item = vscode.window.createStatusBarItem('smoke.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Smoke';
  item.text = ${JSON.stringify(SMOKE_STATUS)};
  item.accessibilityInformation = { label: ${JSON.stringify(SMOKE_STATUS)} };
  item.command = 'smoke.sayHello';
  item.show();
  context.subscriptions.push(item);

  context.subscriptions.push(
    vscode.commands.registerCommand('smoke.sayHello', () => {
      channel.appendLine('hello command ran');
      item.text = 'Smoke: said hello';
      item.accessibilityInformation = { label: 'Smoke: said hello' };
    }),
  );
};

exports.deactivate = function () {};
`;

/** Writes the extension into `folder` (created if needed) and returns it. */
export function writeSmokeExtension(folder: string): string {
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(folder, 'extension.js'), source);
  return folder;
}
