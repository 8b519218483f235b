// What a place shows when it has nothing yet: what it is for and what to do next.

import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  text: string;
  actions?: ReactNode;
  testId?: string;
}

export function EmptyState({ icon, title, text, actions, testId }: EmptyStateProps) {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-state__icon">{icon}</div>
      <h2 className="empty-state__title">{title}</h2>
      <p className="empty-state__text">{text}</p>
      {actions && <div className="empty-state__actions">{actions}</div>}
    </div>
  );
}
