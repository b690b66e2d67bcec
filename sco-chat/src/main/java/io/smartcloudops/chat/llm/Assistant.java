package io.smartcloudops.chat.llm;

import dev.langchain4j.data.message.Content;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import java.util.List;

/**
 * The AiServices interface. The text is passed as content, not as a String: a String is a prompt
 * template to langchain4j, and "{{...}}" typed by a person must stay literal.
 */
interface Assistant {
    Result<String> chat(@MemoryId String session, @UserMessage List<Content> text);
}
