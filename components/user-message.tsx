/** The question as the user asked it (plain text: React escapes it). */
export function UserMessage({ text }: { text: string }) {
  return (
    <div className="flex justify-end">
      <p data-testid="user-message" className="max-w-[85%] rounded-lg bg-blue-600 px-3 py-2 whitespace-pre-wrap break-words text-white">
        {text}
      </p>
    </div>
  );
}
