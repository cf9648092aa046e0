// The menu of slash commands under a message that starts with "/": ↑ and ↓ choose, Tab or Enter completes the
// command (Enter on a command typed out in full sends it), Escape closes the menu, a click completes.
import { matchingCommands, type SlashCommand } from "../../../src/chat/slashCommands";

export class SlashMenu {
    private items: SlashCommand[] = [];
    private active = 0;

    constructor(private readonly list: HTMLElement, private readonly input: HTMLTextAreaElement, private readonly complete: (name: string) => void) {
        list.addEventListener("mousedown", (event) => {
            // Keep the focus in the message box.
            event.preventDefault();
            const name = (event.target as Element).closest("[data-command]")?.getAttribute("data-command");
            if (name) this.complete(name);
        });
        this.render();
    }

    get open(): boolean {
        return this.items.length > 0;
    }

    /** Shows the commands that match the message so far, or hides the menu. */
    update(value: string): void {
        this.items = matchingCommands(value);
        this.active = 0;
        this.render();
    }

    close(): void {
        this.update("");
    }

    /** Handles a key while the menu is open; true when the key was the menu's. */
    handleKey(event: KeyboardEvent): boolean {
        if (!this.open) return false;
        const chosen = this.items[this.active];
        switch (event.key) {
            case "ArrowDown":
            case "ArrowUp":
                this.active = (this.active + (event.key === "ArrowDown" ? 1 : this.items.length - 1)) % this.items.length;
                this.render();
                break;
            case "Enter":
                if (event.shiftKey || this.input.value === `/${chosen.name}`) {
                    this.close();
                    return false;
                }
                this.complete(chosen.name);
                break;
            case "Tab":
                this.complete(chosen.name);
                break;
            case "Escape":
                this.close();
                break;
            default:
                return false;
        }
        event.preventDefault();
        event.stopPropagation();
        return true;
    }

    private render(): void {
        const document = this.list.ownerDocument;
        this.list.replaceChildren(
            ...this.items.map((command, index) => {
                const item = document.createElement("li");
                item.id = `slash-${command.name}`;
                item.setAttribute("role", "option");
                item.setAttribute("aria-selected", String(index === this.active));
                item.dataset.command = command.name;
                const name = document.createElement("span");
                name.className = "slash-name";
                name.textContent = `/${command.name}`;
                const description = document.createElement("span");
                description.className = "slash-description";
                description.textContent = command.description;
                item.append(name, description);
                return item;
            })
        );
        this.list.hidden = !this.open;
        this.input.setAttribute("aria-expanded", String(this.open));
        if (this.open) this.input.setAttribute("aria-activedescendant", `slash-${this.items[this.active].name}`);
        else this.input.removeAttribute("aria-activedescendant");
    }
}
