import { AccountBar } from '@/components/access/account-bar';
import { ChatApp } from '@/components/chat-app';
import { ConversationsShell } from '@/components/sidebar/conversations-shell';
import { requirePageIdentity } from '@/lib/access/page-identity';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const identity = await requirePageIdentity();
  return (
    <>
      {identity.kind === 'key' && <AccountBar name={identity.name} admin={identity.admin} />}
      <ConversationsShell>
        <ChatApp />
      </ConversationsShell>
    </>
  );
}
