// ↑ and ↓ in the message box: the questions of this conversation, newest first, as in a terminal. What was in the
// box before the first ↑ comes back after the newest; typing anything ends the walk through them.

export class PromptHistory {
    private prompts: readonly string[] = [];
    /** The index of the prompt in the box while walking; undefined when not walking. */
    private position: number | undefined;
    private stash = "";

    /** The conversation's questions, oldest first; a walk in progress starts over. */
    setPrompts(prompts: readonly string[]): void {
        this.prompts = prompts;
        this.position = undefined;
    }

    get walking(): boolean {
        return this.position !== undefined;
    }

    /** ↑: the question before the one shown (the newest on the first press), or undefined when there is none. */
    previous(current: string): string | undefined {
        if (this.position === undefined) {
            if (this.prompts.length === 0) return undefined;
            this.stash = current;
            this.position = this.prompts.length;
        }
        if (this.position === 0) return undefined;
        this.position--;
        return this.prompts[this.position];
    }

    /** ↓: the question after the one shown, then what was in the box before; undefined when not walking. */
    next(): string | undefined {
        if (this.position === undefined) return undefined;
        this.position++;
        if (this.position < this.prompts.length) return this.prompts[this.position];
        this.position = undefined;
        return this.stash;
    }

    /** The user changed the text: the walk is over. */
    stop(): void {
        this.position = undefined;
    }
}
