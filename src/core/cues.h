/* cues.h - placeholder, being written (audio) */
#pragma once
