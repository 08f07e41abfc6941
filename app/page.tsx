import { ChatApp } from '@/components/chat-app';
import { ConversationsShell } from '@/components/sidebar/conversations-shell';

export default function HomePage() {
  return (
    <ConversationsShell>
      <ChatApp />
    </ConversationsShell>
  );
}
