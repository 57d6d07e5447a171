import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';

/**
 * A Bot Framework adapter for the terminal: activities in from the keyboard,
 * replies out as text, so `npm run chat` runs the very same bot as HTTP does.
 */
export class TerminalAdapter extends BotAdapter {
  private nextId = 1;

  constructor(
    private readonly print: (activity: Partial<Activity>) => void,
    private readonly reference: ConversationReference,
  ) {
    super();
  }

  async receive(partial: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { id: String(this.nextId++), timestamp: new Date(), localTimezone: Intl.DateTimeFormat().resolvedOptions().timeZone, ...partial },
      this.reference,
      true,
    ) as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) if (activity.type === ActivityTypes.Message || activity.type === undefined) this.print(activity);
    return activities.map(() => ({ id: String(this.nextId++) }));
  }

  async updateActivity(): Promise<void> {}
  async deleteActivity(): Promise<void> {}
  async continueConversation(): Promise<void> {}
}
